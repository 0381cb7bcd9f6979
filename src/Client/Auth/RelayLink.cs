using System.Net;
using Pubky.Client.Errors;

namespace Pubky.Client.Auth;

/// <summary>
/// The two ends of an http relay <c>/link</c> channel (spec A10): a GET waits for a POST on the same id and gets its
/// body; either side gets 408 "Request timed out" when no counterpart came within the relay's timeout.
/// </summary>
internal sealed class RelayLink(HttpClient http)
{
    /// <summary>
    /// Long-polls until the channel delivers. A relay 408, or this client's own request timeout, only means nobody
    /// posted yet, so the app asks again (the reference's e2e <c>auth_flow_survives_long_poll_timeout</c>); the
    /// caller's cancellation is what ends the wait.
    /// </summary>
    public async Task<byte[]> ReceiveAsync(Uri channel, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(channel, cancellation);
            }
            catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested && e.InnerException is TimeoutException)
            {
                continue;
            }
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.RequestTimeout)
                {
                    continue;
                }
                await ThrowUnlessSuccessAsync(HttpMethod.Get, channel, response, cancellation);
                return await response.Content.ReadAsByteArrayAsync(cancellation);
            }
        }
    }

    /// <summary>Posts the body with no Content-Type, as the reference's signer does; returns once the app has taken it.</summary>
    public async Task SendAsync(Uri channel, byte[] body, CancellationToken cancellation)
    {
        using var response = await http.PostAsync(channel, new ByteArrayContent(body), cancellation);
        await ThrowUnlessSuccessAsync(HttpMethod.Post, channel, response, cancellation);
    }

    private static async Task ThrowUnlessSuccessAsync(HttpMethod method, Uri channel, HttpResponseMessage response, CancellationToken cancellation)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation);
            throw new PubkyRequestException(method, channel.PathAndQuery, response.StatusCode, text);
        }
    }
}
