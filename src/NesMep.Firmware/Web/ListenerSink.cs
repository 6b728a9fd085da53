using System;
using System.IO;
using System.Net;
using NesMep.Core.Platform;
using NesMep.Core.Web;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// The core's <see cref="IResponseSink"/> over nanoFramework's HttpListenerResponse. Upstream sends status and headers
    /// with the first body write, so they are set as properties until then (Content-Type and Content-Length only through
    /// their properties). The dispatcher renders meter-data bodies under the meter lock and hands each full 1 KB chunk
    /// here at once, so a client that stops reading must not hold the lock: every response gets a write budget
    /// (<see cref="WriteBudgetMs"/>), each socket write runs with the rest of it as its send timeout, and a write past the
    /// budget throws, which ends the response and releases the lock (docs/api.md, "Dispatch": the device's choice of a
    /// send timeout over a per-slot copy, which would cost a body-sized buffer per slot on an 80 KB heap).
    /// One sink per web thread, reused.
    /// </summary>
    internal sealed class ListenerSink : IResponseSink
    {
        /// <summary>Longest time all body writes of one response may take together; the lwIP send buffer (~5.7 KB) absorbs most bodies at once.</summary>
        public const int WriteBudgetMs = 3000;

        private readonly IClock _clock;
        private HttpListenerResponse? _response;
        private Stream? _body;
        private long _deadlineMs;

        public ListenerSink(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Bytes written for the current response (for the log).</summary>
        public int Written { get; private set; }

        public void Begin(HttpListenerResponse response)
        {
            _response = response;
            _body = null;
            Written = 0;
            _deadlineMs = _clock.NowMs + WriteBudgetMs;
            response.KeepAlive = false; // upstream parks a kept-alive connection on a thread of its own, with no limit
        }

        public void Status(int code)
        {
            Response().StatusCode = code;
        }

        public void Header(string name, string value)
        {
            HttpListenerResponse response = Response();
            if (name == "Content-Type")
            {
                response.ContentType = value;
            }
            else if (name == "Content-Length")
            {
                response.ContentLength64 = long.Parse(value);
            }
            else
            {
                response.Headers.Add(name, value);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            long left = _deadlineMs - _clock.NowMs;
            if (left <= 0)
            {
                throw new IOException("client too slow: the response took longer than " + WriteBudgetMs + " ms");
            }

            if (_body == null)
            {
                _body = Response().OutputStream; // sends status and headers
            }

            _body.WriteTimeout = (int)left;
            _body.Write(buffer, offset, count);
            Written += count;
        }

        /// <summary>Ends the response (headers go out now if no body was written) and forgets it.</summary>
        public void End()
        {
            HttpListenerResponse? response = _response;
            _response = null;
            _body = null;
            if (response != null)
            {
                response.Close();
            }
        }

        private HttpListenerResponse Response()
        {
            if (_response == null)
            {
                throw new InvalidOperationException("no response in progress");
            }

            return _response;
        }
    }
}
