using System;
using NesMep.Core.Link;

namespace NesMep.Core.Polling
{
    /// <summary>
    /// A person's read from the raw console: one at a time, read-only, sent before the next scheduled read,
    /// its request and reply frames copied out for display.
    /// </summary>
    internal sealed class ManualReads
    {
        private readonly ITableService _link;
        private ManualRead? _manual;

        public ManualReads(ITableService link)
        {
            _link = link;
        }

        /// <summary>The console's request is on the link now; its completion belongs to it.</summary>
        public bool Running { get; private set; }

        /// <summary>A read is queued and waits for the link.</summary>
        public bool Queued
        {
            get { return _manual != null && _manual.State == ManualRead.StateQueued; }
        }

        public bool TryQueue(ManualRead read)
        {
            if (_manual != null || !read.Request.IsRead || _link.Check(read.Request) != null)
            {
                return false;
            }

            read.State = ManualRead.StateQueued;
            _manual = read;
            return true;
        }

        /// <summary>Submits a queued read; true when it took the link.</summary>
        public bool TrySubmit()
        {
            if (_manual == null || _manual.State != ManualRead.StateQueued)
            {
                return false;
            }

            _manual.State = ManualRead.StateRunning;
            Running = true;
            _link.Submit(_manual.Request);
            return true;
        }

        public void Finish()
        {
            ManualRead? m = _manual;
            Running = false;
            _manual = null;
            if (m == null)
            {
                return;
            }

            m.Result = _link.LastResult;
            m.ResponseCode = _link.LastResponseCode;
            m.Error = _link.LastError;
            m.RequestLength = Copy(_link.RequestFrame, _link.RequestFrameLength, m.RequestFrame);
            if (m.Result == LinkResult.Ok || m.Result == LinkResult.MeterError)
            {
                m.ResponseLength = Copy(_link.ReplyFrame, _link.ReplyFrameLength, m.ResponseFrame);
            }
            else
            {
                m.ResponseLength = 0;
            }

            m.State = ManualRead.StateDone;
        }

        /// <summary>Copies what fits the console's buffer (a MEP frame always fits, §3.1); returns the bytes copied.</summary>
        private static int Copy(byte[] frame, int length, byte[] into)
        {
            int n = length < into.Length ? length : into.Length;
            Array.Copy(frame, 0, into, 0, n);
            return n;
        }
    }
}
