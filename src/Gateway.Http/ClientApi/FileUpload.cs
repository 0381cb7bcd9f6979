using Pubky.Protocol.Paths;
using PubkyCluster.Gateway.Http;
using PubkyCluster.Gateway.Throttling;
using PubkyCluster.Grains.Users;

namespace PubkyCluster.Gateway.ClientApi;

/// <summary>
/// A file write, for the client PUT and the admin WebDAV PUT: the grain's check, the body streamed into a fresh blob,
/// then the grain's commit. Only who writes differs, so the caller passes the check and the commit.
/// </summary>
public sealed class FileUpload(BodyUploader uploader, ReleasedBlobs released, BandwidthBuckets bandwidth)
{
    public async Task<IResult> PutAsync(
        HttpContext context, IUserGrain user, WebDavPath path, Func<long?, Task<WriteDecision>> authorize,
        Func<UploadedBody, WriteCheck?, Task<CommitOutcome>> commit)
    {
        if (path.IsDirectory)
        {
            return PlainText.Error(400, "Invalid URL: a file cannot be written at a directory path");
        }
        var declaredLength = context.Request.ContentLength;
        if (declaredLength > uploader.MaxBodyBytes)
        {
            return SmallBody.TooLarge();
        }
        var decision = await authorize(declaredLength);
        if (!decision.IsAllowed)
        {
            return RefusalResponses.For(decision.Refusal, decision.QuotaBytes);
        }
        var owner = user.GetPrimaryKeyString();
        var throttle = bandwidth.For("user:" + owner, ThrottleDirection.Write, decision.WriteRate);
        var uploaded = await uploader.UploadAsync(context.Request.Body, owner, path.Value, throttle, context.RequestAborted);
        if (uploaded is null)
        {
            return SmallBody.TooLarge();
        }
        // The upload is deleted only when the grain definitely refused it. If the commit call fails, the entry may
        // have been made durable and reference it; the orphan sweeper removes it later only if nothing does.
        // Handing the authorization's check back lets the grain skip the path checks when nothing was committed since.
        var outcome = await commit(uploaded, decision.Checked);
        if (!outcome.IsCommitted)
        {
            await released.DeleteAsync(uploaded.BlobId);
            return RefusalResponses.For(outcome.Refusal);
        }
        await released.DeleteAsync(outcome.ReleasedBlobId);
        return Results.StatusCode(201);
    }
}
