// Facade of System.Net.Http 1.5.207 (NuGet package nanoFramework.System.Net.Http.Server), System.Net.HttpListenerContext, HttpListenerRequest and HttpListenerResponse.
// Declarations only, written by us from the upstream nanoframework/System.Net.Http sources; build-time use only, never shipped.
// The request line and headers are parsed on first access to Request or Response. The response headers go out with
// the first write to OutputStream (or at Close), so StatusCode, ContentType, ContentLength64, KeepAlive and Headers
// must be set before writing.
namespace System.Net
{
    public class HttpListenerContext
    {
        internal HttpListenerContext() => throw null;
        public HttpListenerRequest Request => throw null;
        public HttpListenerResponse Response => throw null;
        public void Close() => throw null;
        public void Close(int lingerValue) => throw null;
    }

    public class HttpListenerRequest
    {
        internal HttpListenerRequest() => throw null;
        public string HttpMethod => throw null;
        public string RawUrl => throw null;
        public string[] AcceptTypes => throw null;
        public long ContentLength64 => throw null;
        public string ContentType => throw null;
        public WebHeaderCollection Headers => throw null;
        public System.IO.Stream InputStream => throw null;
        public bool KeepAlive => throw null;
        public IPEndPoint LocalEndPoint => throw null;
        public IPEndPoint RemoteEndPoint => throw null;
        public Version ProtocolVersion => throw null;
        public string UserAgent => throw null;
        public string UserHostAddress => throw null;
    }

    public sealed class HttpListenerResponse : IDisposable
    {
        internal HttpListenerResponse() => throw null;
        public int StatusCode { get => throw null; set => throw null; }
        public string StatusDescription { get => throw null; set => throw null; }
        public long ContentLength64 { get => throw null; set => throw null; }
        public string ContentType { get => throw null; set => throw null; }
        public WebHeaderCollection Headers { get => throw null; set => throw null; }
        public bool KeepAlive { get => throw null; set => throw null; }
        public bool SendChunked { get => throw null; set => throw null; }
        public string RedirectLocation { get => throw null; set => throw null; }
        public System.IO.Stream OutputStream => throw null;
        public void Close() => throw null;
        void IDisposable.Dispose() => throw null;
    }
}
