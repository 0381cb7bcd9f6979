using System.Net;
using Pubky.Protocol.Capabilities;
using Pubky.Protocol.Hashing;
using Pubky.Protocol.Keys;

namespace Pubky.Client.Auth;

/// <summary>
/// A third-party app's request, the <c>pubkyauth://signin?caps=…&amp;relay=…&amp;secret=…</c> deep link of spec A10
/// (pubky-core v0.6.0: pubky-sdk/src/actors/auth/deep_links/signin.rs, signup.rs): the capabilities asked for, the http
/// relay the answer goes through and the 32-byte client secret that both names the relay channel and encrypts the
/// answer; a <c>pubkyauth://signup?…&amp;hs=…[&amp;st=…]</c> link also names where the signer signs up first.
/// </summary>
public sealed class AuthRequest
{
    /// <summary>The reference SDK's default relay (pubky-sdk/src/actors/auth/http_relay_link_channel.rs).</summary>
    public static readonly Uri DefaultRelay = new("https://httprelay.pubky.app/link");

    public const int SecretLength = 32;

    private static readonly string[] Schemes = ["pubkyauth", "pubkyring"];

    private readonly byte[] _secret;

    public AuthRequest(CapabilityList capabilities, Uri relay, ReadOnlySpan<byte> secret, AuthSignup? signup = null)
    {
        if (secret.Length != SecretLength)
        {
            throw new ArgumentException($"A client secret is {SecretLength} bytes, not {secret.Length}.", nameof(secret));
        }
        if (!relay.IsAbsoluteUri || (relay.Scheme != Uri.UriSchemeHttp && relay.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The relay must be an absolute http(s) URL, not {relay}.", nameof(relay));
        }
        Capabilities = capabilities;
        Relay = relay;
        _secret = secret.ToArray();
        Signup = signup;
    }

    public CapabilityList Capabilities { get; }

    /// <summary>The relay's base, such as https://httprelay.pubky.app/link; the channel id is appended to it.</summary>
    public Uri Relay { get; }

    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>Set for a signup link: the signer creates the account there before approving.</summary>
    public AuthSignup? Signup { get; }

    /// <summary>Where app and signer meet: the relay base without a trailing slash, then the channel id (the reference pops an empty last segment).</summary>
    public Uri ChannelUrl
    {
        get
        {
            var url = new UriBuilder(Relay);
            url.Path = url.Path.TrimEnd('/') + "/" + HttpRelayChannel.IdFor(_secret);
            return url.Uri;
        }
    }

    /// <summary>The deep link as the reference SDK writes it: caps, relay and signup token unescaped, the secret in unpadded base64url.</summary>
    public override string ToString()
    {
        var common = $"caps={Capabilities}&relay={Relay.AbsoluteUri}&secret={Base64UrlNoPad.Encode(_secret)}";
        return Signup is null
            ? "pubkyauth://signin?" + common
            : $"pubkyauth://signup?{common}&hs={Signup.Homeserver.Z32}" + (Signup.Token is null ? "" : "&st=" + Signup.Token);
    }

    /// <summary>
    /// Reads a sign-in or signup link: scheme <c>pubkyauth</c> or <c>pubkyring</c>, intent <c>signin</c>, none (the
    /// legacy <c>pubkyauth:///?…</c>) or <c>signup</c> (with <c>hs</c>, optionally <c>st</c>); the first <c>caps</c>,
    /// <c>relay</c> and <c>secret</c> (form-decoded, as the reference's URL parser does).
    /// </summary>
    /// <exception cref="FormatException">With the reference's wording: "Invalid schema", "Invalid intent", "Missing query parameter caps", …</exception>
    public static AuthRequest Parse(string link)
    {
        var schemeEnd = link.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0 || !Schemes.Contains(link[..schemeEnd], StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException("Invalid schema. Expected pubkyauth or pubkyring");
        }
        var rest = link[(schemeEnd + 3)..];
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }
        var queryStart = rest.IndexOf('?');
        var authority = queryStart < 0 ? rest : rest[..queryStart];
        var intent = authority.Split('/')[0];
        var isSignup = intent.Equals("signup", StringComparison.OrdinalIgnoreCase);
        if (intent.Length > 0 && !isSignup && !intent.Equals("signin", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("Invalid intent. Expected signin or signup");
        }
        var query = QueryPairs(queryStart < 0 ? "" : rest[(queryStart + 1)..]);

        var capabilities = CapabilityList.Parse(Required(query, "caps"));
        if (!Uri.TryCreate(Required(query, "relay"), UriKind.Absolute, out var relay)
            || (relay.Scheme != Uri.UriSchemeHttp && relay.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException("Invalid query parameter relay");
        }
        if (!Base64UrlNoPad.TryDecode(Required(query, "secret"), out var secret) || secret.Length != SecretLength)
        {
            throw new FormatException($"Invalid query parameter secret: expected {SecretLength} bytes in unpadded base64url");
        }
        AuthSignup? signup = null;
        if (isSignup)
        {
            if (!PublicKey.TryParseZ32(Required(query, "hs"), out var homeserver))
            {
                throw new FormatException("Invalid query parameter hs");
            }
            signup = new AuthSignup(homeserver, query.GetValueOrDefault("st"));
        }
        return new AuthRequest(capabilities, relay, secret, signup);
    }

    private static string Required(Dictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var value) ? value : throw new FormatException($"Missing query parameter {name}");

    /// <summary>application/x-www-form-urlencoded pairs, the first of each name kept.</summary>
    private static Dictionary<string, string> QueryPairs(string query)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            pairs.TryAdd(name, WebUtility.UrlDecode(equals < 0 ? "" : pair[(equals + 1)..]));
        }
        return pairs;
    }
}
