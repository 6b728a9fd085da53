// Facade of nanoFramework.WebServer 1.2.147 (NuGet package nanoFramework.WebServer), nanoFramework.WebServer.WebServer, WebServerEventArgs and HttpProtocol.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.WebServer sources; build-time use only, never shipped.
// 1.2.147 (CoreLibrary 1.17.11, System.Net.Http.Server 1.5.207) is the version of the nanoframework/Samples WebServer
// samples. Its listener thread starts a new Thread for every request, with no limit, and closes the response and the
// context after CommandReceived returns; see docs/nanoframework-subset.md for why the firmware uses HttpListener.
namespace nanoFramework.WebServer
{
    public class WebServer : System.IDisposable
    {
        public WebServer(int port, HttpProtocol protocol) => throw null;
        public WebServer(int port, HttpProtocol protocol, System.Type[] controllers) => throw null;

        public int Port => throw null;
        public HttpProtocol Protocol => throw null;
        public System.Security.Cryptography.X509Certificates.X509Certificate HttpsCert { get => throw null; set => throw null; }

        public delegate void GetRequestHandler(object obj, WebServerEventArgs e);

        public event GetRequestHandler CommandReceived { add => throw null; remove => throw null; }

        public bool Start() => throw null;
        public void Stop() => throw null;
        public static void OutPutStream(System.Net.HttpListenerResponse response, string strResponse) => throw null;
        public void Dispose() => throw null;
        protected virtual void Dispose(bool disposing) => throw null;
    }

    public class WebServerEventArgs
    {
        public WebServerEventArgs(System.Net.HttpListenerContext context) => throw null;
        public System.Net.HttpListenerContext Context => throw null;
    }

    public enum HttpProtocol
    {
        Http,
        Https,
    }
}
