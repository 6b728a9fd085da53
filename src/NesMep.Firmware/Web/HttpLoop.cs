using System;
using System.Net;
using System.Threading;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Web;
using NesMep.Firmware.Lifecycle;
using NesMep.Firmware.Network;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// The web thread: nanoFramework's HttpListener on port 80, every request handed to the core's
    /// <see cref="HttpDispatcher"/> (routing, headers, UI files, the request cap, all decided there). Why HttpListener and
    /// not nanoFramework.WebServer: WebServer 1.2.147 starts a new thread for every request with no limit, which an 80 KB
    /// heap cannot carry; this loop serves one request at a time on one thread, so the dispatcher's cap (one slot on the
    /// device) can never be exceeded and a burst of clients waits in the listener's accept queue instead of costing a
    /// thread each. Every response closes its connection (KeepAlive = false), and reading a body and writing a response
    /// are both bounded in time, so one slow client delays the others by seconds at most.
    /// </summary>
    internal sealed class HttpLoop
    {
        public const int Port = 80;

        /// <summary>Request slots of the dispatcher: one, as this loop serves one request at a time (each slot costs a 1 KB buffer).</summary>
        public const int Slots = 1;

        private readonly HttpDispatcher _dispatcher;
        private readonly MeterModule _module;
        private readonly INetworkMode _network;
        private readonly ILog _log;
        private readonly ListenerSink _sink;
        private readonly Thread _thread;
        private HttpListener? _listener;
        private PackAssets? _assets;
        private WatchHandle? _watch;

        public HttpLoop(HttpDispatcher dispatcher, MeterModule module, INetworkMode network, IClock clock, ILog log)
        {
            _dispatcher = dispatcher;
            _module = module;
            _network = network;
            _log = log;
            _sink = new ListenerSink(clock);
            _thread = new Thread(Run);
        }

        /// <summary>Requests served since start (the supervisor logs it with the memory figures).</summary>
        public int Served { get; private set; }

        public bool Running
        {
            get { return _listener != null; }
        }

        /// <summary>The lifecycle's watch of this thread (idle in the accept, beating while it serves); set before <see cref="Start"/>.</summary>
        public void Watch(WatchHandle watch, PackAssets assets)
        {
            _watch = watch;
            _assets = assets;
        }

        public void Start()
        {
            HttpListener listener = new HttpListener("http", Port);
            listener.Start();
            _listener = listener;
            _thread.Start();
            _log.Write(LogLevel.Info, "web: listening on port " + Port);
        }

        private void Run()
        {
            HttpListener listener = _listener!;
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    if (_watch != null)
                    {
                        _watch.Idle(); // waiting for a client is not a stall
                    }

                    context = listener.GetContext();
                    if (_watch != null)
                    {
                        _watch.Beat();
                    }

                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "web: accept failed: " + e.Message);
                    Thread.Sleep(1000);
                    continue;
                }

                try
                {
                    Serve(context);
                    Served++;
                }
                catch (Exception e)
                {
                    // A client that vanished or stalled: its response is lost, nothing else.
                    _log.Write(LogLevel.Debug, "web: request aborted: " + e.GetType().Name + ": " + e.Message);
                }
                finally
                {
                    try
                    {
                        _sink.End();
                    }
                    catch (Exception)
                    {
                    }

                    try
                    {
                        context.Close();
                    }
                    catch (Exception)
                    {
                    }
                }
            }
        }

        private void Serve(HttpListenerContext context)
        {
            HttpListenerRequest r = context.Request;
            _sink.Begin(context.Response);
            WebRequest request = RequestReader.Read(r, _network.SetupAllowed(r.LocalEndPoint.Address.ToString(), r.RemoteEndPoint.Address.ToString()));
            if (_assets != null)
            {
                _assets.ClientAcceptsGzip = StaticFiles.AcceptsGzip(request.AcceptEncoding);
            }

            if (_dispatcher.TryServeFile(request, _sink))
            {
                return;
            }

            RequestSlot? slot = _dispatcher.TryAcquire(request);
            if (slot == null)
            {
                _dispatcher.Busy(_sink);
                return;
            }

            try
            {
                // The meter side in force now: new settings replace it while the web side stays.
                _dispatcher.Dispatch(slot, request, _module.Context, _module.Gate, _sink);
            }
            finally
            {
                _dispatcher.Release(slot);
            }
        }
    }
}
