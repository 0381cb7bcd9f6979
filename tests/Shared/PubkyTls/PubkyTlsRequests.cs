using System.Text;

namespace PubkyCluster.Tests.PubkyTls;

/// <summary>The client-API requests the Pubky TLS tests send through gnutls-cli, byte for byte (HTTP/1.1, keep-alive).</summary>
public static class PubkyTlsRequests
{
    public static byte[] Root() => Ascii("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");

    /// <summary>POST /signup with <paramref name="authToken"/> as the body, to the homeserver as tenant (as the SDK sends it).</summary>
    public static byte[] Signup(string homeserverZ32, byte[] authToken) =>
        [.. Ascii($"POST /signup HTTP/1.1\r\nHost: localhost\r\npubky-host: {homeserverZ32}\r\nContent-Length: {authToken.Length}\r\n\r\n"), .. authToken];

    /// <summary><c>name=value</c> of the session cookie a signup set.</summary>
    public static string SessionCookie(TlsHttpResponse signup) =>
        (signup.Header("Set-Cookie") ?? throw new InvalidOperationException("The signup set no cookie.")).Split(';')[0];

    public static byte[] Put(string userZ32, string cookie, string path, string body) =>
        Ascii($"PUT {path} HTTP/1.1\r\nHost: localhost\r\npubky-host: {userZ32}\r\nCookie: {cookie}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    public static byte[] Get(string userZ32, string path) =>
        Ascii($"GET {path} HTTP/1.1\r\nHost: localhost\r\npubky-host: {userZ32}\r\n\r\n");

    private static byte[] Ascii(string text) => Encoding.UTF8.GetBytes(text);
}
