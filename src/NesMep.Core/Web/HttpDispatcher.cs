using NesMep.Core.Api;

namespace NesMep.Core.Web
{
    /// <summary>
    /// Every HTTP request of both hosts, decided here: the host copies the request into a
    /// <see cref="WebRequest"/> and the response out of an <see cref="IResponseSink"/>.
    /// Order: the concurrency cap (503), an oversized body (413), the captive portal's redirect of foreign host
    /// names while the access point is up (302), secrets in the URL (400), the API
    /// token (401), the routes of <see cref="RouteTable"/>, the UI files, the landing page, 404.
    /// Only routes that read meter state take the meter lock (gate), and only while their body is
    /// rendered; UI files, login and settings never wait for the poll thread.
    /// The cap is on request slots (a body buffer each). UI files need none (their bytes are the host's),
    /// so a browser loading a page in parallel is never turned away; the last free slot is kept for the
    /// data API, so Home Assistant's poll is answered while other requests flood the module.
    /// </summary>
    public sealed class HttpDispatcher
    {
        /// <summary>Concurrent requests on the Linux host; the device passes 1 (one web thread serves one request at a time; each slot costs one chunk buffer).</summary>
        public const int DefaultMaxRequests = 4;

        /// <summary>Retry-After of the 503 beyond the cap.</summary>
        public const int BusyRetryS = 1;

        private readonly WebApp _app;
        private readonly IAssetLookup _assets;
        private readonly RequestSlot[] _slots;
        private readonly byte[] _busyBody;
        private readonly int _chunkBytes;

        public HttpDispatcher(WebApp app, IAssetLookup assets, int maxRequests, int chunkBytes)
        {
            _app = app;
            _assets = assets;
            _slots = new RequestSlot[maxRequests < 1 ? 1 : maxRequests];
            for (int i = 0; i < _slots.Length; i++)
            {
                _slots[i] = new RequestSlot(chunkBytes);
            }

            _chunkBytes = _slots[0].Body.ChunkBytes; // as the body buffers have it (they have a floor)

            _busyBody = System.Text.Encoding.UTF8.GetBytes(WebResponse.Error(503, "busy: " + _slots.Length +
                " requests are in progress; try again in " + BusyRetryS + " s").Body);
        }

        public int MaxRequests
        {
            get { return _slots.Length; }
        }

        /// <summary>The slots, for the benchmark's peak-buffer figure.</summary>
        public RequestSlot[] Slots
        {
            get { return _slots; }
        }

        /// <summary>File, or acquire, dispatch, release: for hosts whose sink writes as it is called (the device, tests).</summary>
        public void Serve(WebRequest request, ModuleContext context, object gate, IResponseSink sink)
        {
            if (TryServeFile(request, sink))
            {
                return;
            }

            RequestSlot? slot = TryAcquire(request);
            if (slot == null)
            {
                Busy(sink);
                return;
            }

            try
            {
                Dispatch(slot, request, context, gate, sink);
            }
            finally
            {
                Release(slot);
            }
        }

        /// <summary>
        /// A UI file answered without a slot (GET or HEAD of a file the host has, no secret in the URL);
        /// false for anything else, which then needs <see cref="TryAcquire"/> and <see cref="Dispatch"/>.
        /// </summary>
        public bool TryServeFile(WebRequest request, IResponseSink sink)
        {
            if (request.BodyTooLarge || (request.Method != "GET" && request.Method != "HEAD"))
            {
                return false;
            }

            if (CaptivePortal.IsForeignHost(request, _app))
            {
                return false; // Dispatch redirects it to the portal
            }

            string path = WebText.StripQuery(request.Path);
            WebAsset? asset = RouteTable.Find(path) == null ? FindAsset(path) : null;
            if (asset == null || SecretQueryGuard.Check(request.Path) != null)
            {
                return false; // the refusal is Dispatch's to write
            }

            StaticFiles.Serve(asset, request, sink, _chunkBytes);
            return true;
        }

        /// <summary>
        /// A free slot for this request, or null when it must be answered with <see cref="Busy"/>:
        /// all are in use, or only the last is free and the request is not for the data API.
        /// </summary>
        public RequestSlot? TryAcquire(WebRequest request)
        {
            Route? route = RouteTable.Find(WebText.StripQuery(request.Path));
            bool data = route != null && route.Api;
            lock (_slots)
            {
                RequestSlot? free = null;
                int freeCount = 0;
                for (int i = 0; i < _slots.Length; i++)
                {
                    if (!_slots[i].Busy)
                    {
                        freeCount++;
                        if (free == null)
                        {
                            free = _slots[i];
                        }
                    }
                }

                if (free == null || (freeCount == 1 && !data && _slots.Length > 1))
                {
                    return null;
                }

                free.Busy = true;
                return free;
            }
        }

        /// <summary>Frees a slot once its response is written out.</summary>
        public void Release(RequestSlot slot)
        {
            lock (_slots)
            {
                slot.Busy = false;
            }
        }

        /// <summary>The 503 beyond the cap; needs no slot.</summary>
        public void Busy(IResponseSink sink)
        {
            WebHeaders.BeginDynamic(sink, 503, WebResponse.Json);
            sink.Header("Retry-After", BusyRetryS.ToString());
            sink.Write(_busyBody, 0, _busyBody.Length);
        }

        /// <summary>
        /// Answers one request with the slot's buffers. <paramref name="context"/> and <paramref name="gate"/>
        /// are the meter side in force (new settings replace it while the dispatcher stays).
        /// </summary>
        public void Dispatch(RequestSlot slot, WebRequest request, ModuleContext context, object gate, IResponseSink sink)
        {
            if (request.BodyTooLarge)
            {
                Send(slot, request, WebResponse.Error(413, "request body too large"), sink);
                return;
            }

            WebResponse? refused = CaptivePortal.IsForeignHost(request, _app) ? CaptivePortal.Redirect() : null;
            if (refused == null)
            {
                refused = SecretQueryGuard.Check(request.Path);
            }

            if (refused == null)
            {
                refused = ApiTokenGate.Check(request, _app); // locks App.Sync only to look up a session cookie
            }

            if (refused != null)
            {
                Send(slot, request, refused, sink);
                return;
            }

            string path = WebText.StripQuery(request.Path);
            Route? route = RouteTable.Find(path);
            if (route != null && route.Api)
            {
                ServeApi(slot, route, request, context, gate, sink);
            }
            else if (route != null)
            {
                Send(slot, request, WebRouter.Handle(route, request, _app, gate, context), sink);
            }
            else
            {
                ServeFile(slot, path, request, sink);
            }
        }

        private void ServeApi(RequestSlot slot, Route route, WebRequest request, ModuleContext context, object gate, IResponseSink sink)
        {
            if (!route.Allows(request.Method))
            {
                WebResponse r = WebResponse.Error(405, "only GET and HEAD are allowed on " + route.Path);
                r.Allow = route.Allow;
                Send(slot, request, r, sink);
                return;
            }

            WebHeaders.BeginDynamic(sink, 200, ApiRouter.ContentType(route.Handler));
            if (request.Method == "HEAD")
            {
                return;
            }

            slot.Body.Begin(sink);
            slot.Json.Reset();
            lock (gate)
            {
                ApiRouter.Write(route.Handler, context, slot.Json, slot.Body);
            }

            slot.Body.Flush();
        }

        private WebAsset? FindAsset(string path)
        {
            string? name = WebHeaders.FileFor(path);
            return name == null ? null : _assets.Find(name);
        }

        private void ServeFile(RequestSlot slot, string path, WebRequest request, IResponseSink sink)
        {
            WebAsset? asset = FindAsset(path);
            if (asset != null)
            {
                if (request.Method == "GET" || request.Method == "HEAD")
                {
                    StaticFiles.Serve(asset, request, sink, _chunkBytes);
                }
                else
                {
                    Send(slot, request, WebResponse.MethodNotAllowed(path, "GET, HEAD"), sink);
                }

                return;
            }

            if (path == "/")
            {
                WebResponse landing = new WebResponse(200, LandingPage.Html);
                landing.ContentType = WebHeaders.Html;
                Send(slot, request, landing, sink);
                return;
            }

            Send(slot, request, WebResponse.Error(404, "no such resource: " + path), sink);
        }

        /// <summary>A response built as a string (web UI endpoints, errors) through the same header policy and buffer.</summary>
        private static void Send(RequestSlot slot, WebRequest request, WebResponse response, IResponseSink sink)
        {
            WebHeaders.BeginDynamic(sink, response.Status, response.ContentType);
            if (response.SetCookie != null)
            {
                sink.Header("Set-Cookie", response.SetCookie);
            }

            if (response.RetryAfterS > 0)
            {
                sink.Header("Retry-After", response.RetryAfterS.ToString());
            }

            if (response.Allow != null)
            {
                sink.Header("Allow", response.Allow);
            }

            if (response.Authenticate != null)
            {
                sink.Header("WWW-Authenticate", response.Authenticate);
            }

            if (response.Location != null)
            {
                sink.Header("Location", response.Location);
            }

            if (request.Method != "HEAD")
            {
                slot.Body.Begin(sink);
                if (response.Streamed != null)
                {
                    slot.Json.Reset();
                    response.Streamed.WriteJson(slot.Json);
                }
                else
                {
                    slot.Body.Append(response.Body);
                }

                slot.Body.Flush();
            }
        }
    }
}
