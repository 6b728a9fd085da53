// Facade of System.Net.Http 1.5.207 (NuGet package nanoFramework.System.Net.Http.Server), System.Net.HttpListener.
// Declarations only, written by us from the upstream nanoframework/System.Net.Http sources; build-time use only, never shipped.
// The server-only package; assembly System.Net.Http. 1.5.207 is the version the nanoframework/Samples WebServer and
// WiFiAP samples pair with CoreLibrary 1.17.11. Behaviour the firmware must respect: Start() runs an accept thread;
// a response closed with KeepAlive = true parks its connection on a new thread per connection until the client sends
// again (no limit), so the firmware answers with KeepAlive = false. Prefix is "http" or "https"; port -1 is the default.
namespace System.Net
{
    public class HttpListener
    {
        public HttpListener(string prefix) => throw null;
        public HttpListener(string prefix, int port, IPAddress localEndpointIP = null) => throw null;

        public bool IsListening => throw null;
        public System.Security.Cryptography.X509Certificates.X509Certificate HttpsCert { get => throw null; set => throw null; }

        public void Start() => throw null;
        public void Stop() => throw null;
        public void Close() => throw null;
        public void Abort() => throw null;
        public HttpListenerContext GetContext() => throw null;
    }
}
