using NesMep.Core.Api;
using NesMep.Core.Json;
using NesMep.Core.Link;
using NesMep.Core.Polling;
using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Core.Web
{
    /// <summary>
    /// The raw MEP console: one person's read at a time, queued ahead of the schedule through
    /// MeterPoller.TryQueueManual, then described with MepFrameJson (the CLI's frame inspector)
    /// once the poll thread has finished it. The browser polls for the result, so no HTTP request
    /// ever holds the module lock while the meter answers.
    /// </summary>
    public sealed class WebConsole
    {
        /// <summary>A read that has not finished after this long is reported as lost.</summary>
        public const long GiveUpMs = 60000;

        private ManualRead? _read;
        private MeterPoller? _poller;
        private long _queuedMs;

        /// <summary>Queues a read; call under the module lock.</summary>
        public WebResponse Start(FormBody form, ModuleContext context)
        {
            FieldErrors errors = new FieldErrors();
            ManualRead read = new ManualRead();
            if (!ConsoleForm.TryParse(form, read.Request, errors))
            {
                return new WebResponse(400, errors.ToJson("the read was not sent"));
            }

            MeterPoller? poller = context.Poller;
            if (poller == null)
            {
                return WebResponse.Error(409, "no meter is configured: set the meter key first");
            }

            if (Busy(poller, context.Clock.NowMs))
            {
                return WebResponse.Error(409, "a console read is still waiting for the meter");
            }

            if (!poller.TryQueueManual(read))
            {
                return WebResponse.Error(409, "the meter link has another console read queued");
            }

            _read = read;
            _poller = poller;
            _queuedMs = context.Clock.NowMs;
            return new WebResponse(202, Describe(context));
        }

        /// <summary>The state of the last read as a JSON string (the 202 of <see cref="Start"/>, tests); call under the module lock.</summary>
        public string Describe(ModuleContext context)
        {
            JsonWriter w = new JsonWriter();
            Write(context, w);
            return w.ToString();
        }

        /// <summary>
        /// The state of the last read as one JSON object written straight into <paramref name="w"/> (the
        /// request slot's body buffer for GET /api/v1/console): the frames' hex, their description and the
        /// decoded table are never held as strings. Call under app.Sync and the module lock.
        /// </summary>
        public void Write(ModuleContext context, JsonWriter w)
        {
            w.BeginObject();
            ManualRead? m = _read;
            if (m == null)
            {
                w.Property("state", "idle");
                w.EndObject();
                return;
            }

            long now = context.Clock.NowMs;
            w.Property("table", TableIds.Name(m.Request.TableId));
            w.Property("kind", m.Request.Operation == TableOperation.FullRead ? "full read" : "partial read");
            if (m.State != ManualRead.StateDone)
            {
                bool lost = _poller != context.Poller || now - _queuedMs > GiveUpMs;
                w.Property("state", lost ? "failed" : m.State == ManualRead.StateRunning ? "running" : "queued");
                if (lost)
                {
                    w.Property("error", "the meter link restarted (settings saved) or never ran the read; send it again");
                }

                w.Name("waited_s").Fixed(now - _queuedMs, 3);
                w.EndObject();
                return;
            }

            w.Property("state", "done");
            w.Property("result", ResultName(m.Result));
            w.Name("error");
            if (m.Error == null)
            {
                w.Null();
            }
            else
            {
                w.String(m.Error);
            }

            w.Name("request_hex").HexString(m.RequestFrame, 0, m.RequestLength);
            w.Name("response_hex").HexString(m.ResponseFrame, 0, m.ResponseLength);
            MeterPoller poller = _poller!; // Start sets it together with _read
            MepLink? mep = poller.Link as MepLink;
            if (mep == null)
            {
                // The frames of another link are shown as hex; the decoder below reads MEP frames.
                w.Name("request").Null();
                w.Property("request_error", "frames are decoded on the MEP link only (this is the " + poller.Link.LinkName + " link)");
                w.Name("response").Null();
                w.EndObject();
                return;
            }

            MepDigest digest = mep.Digest;

            // MepFrameJson checks a frame before it writes anything, so the name goes first and a refused
            // frame gets null.
            w.Name("request");
            string? error = m.RequestLength == 0 ? "request: nothing was sent" : MepFrameJson.WriteRequest(m.RequestFrame, 0, m.RequestLength, digest, w);
            if (error != null)
            {
                w.Null();
                w.Property("request_error", error);
            }

            w.Name("response");
            if (m.ResponseLength == 0 || error != null)
            {
                w.Null();
            }
            else
            {
                MeterTableState t = poller.Tables;
                string? respError = MepFrameJson.WriteResponse(m.RequestFrame, 0, m.RequestLength, m.ResponseFrame, 0, m.ResponseLength, digest,
                    t.Dimensions.HasLayout ? t.Dimensions : null, t.PresentValues.IsKnown ? t.PresentValues : null,
                    t.Summations.IsKnown ? t.Summations : null, w);
                if (respError != null)
                {
                    w.Null();
                    w.Property("response_error", respError);
                }
            }

            w.EndObject();
        }

        /// <summary>
        /// GET /api/v1/console's body for the dispatcher to stream into the request slot (<see cref="WebResponse.Streamed"/>):
        /// written later, outside the router's locks, so it takes app.Sync and then the module lock itself, in the router's order.
        /// </summary>
        public IJsonWritable View(WebApp app, object gate, ModuleContext context)
        {
            return new ConsoleView(this, app.Sync, gate, context);
        }

        private bool Busy(MeterPoller poller, long nowMs)
        {
            return _read != null && _read.State != ManualRead.StateDone && _poller == poller && nowMs - _queuedMs <= GiveUpMs;
        }

        public static string ResultName(LinkResult result)
        {
            switch (result)
            {
                case LinkResult.Ok:
                    return "ok";
                case LinkResult.MeterError:
                    return "meter_error";
                case LinkResult.AuthenticationFailed:
                    return "authentication_failed";
                case LinkResult.Abandoned:
                    return "abandoned";
                default:
                    return "none";
            }
        }

        private sealed class ConsoleView : IJsonWritable
        {
            private readonly WebConsole _console;
            private readonly object _sync;
            private readonly object _gate;
            private readonly ModuleContext _context;

            public ConsoleView(WebConsole console, object sync, object gate, ModuleContext context)
            {
                _console = console;
                _sync = sync;
                _gate = gate;
                _context = context;
            }

            public void WriteJson(JsonWriter writer)
            {
                lock (_sync)
                {
                    lock (_gate)
                    {
                        _console.Write(_context, writer);
                    }
                }
            }
        }
    }
}
