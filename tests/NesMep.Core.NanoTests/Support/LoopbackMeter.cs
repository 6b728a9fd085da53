using NesMep.Core.Platform;
using NesMep.Core.Protocol;

namespace NesMep.Core.NanoTests.Support
{
    /// <summary>
    /// A meter on an in-memory line, built only from the core's own meter-side frame code
    /// (MepFrameAssembler for requests, MepRequestParser, MepResponseWriter) so that it runs on the device
    /// runtime too. It keeps the guide's sequence window (§4.3), answers after a fixed latency and serves
    /// tables from <see cref="LoopbackTables"/>. Steady polling allocates nothing: every buffer is made once.
    /// </summary>
    public sealed class LoopbackMeter : IByteTransport, ITransceiverControl
    {
        private const int LatencyMs = 20;

        private readonly NanoClock _clock;
        private readonly MepDigest _digest;
        private readonly LoopbackTables _tables;
        private readonly MepFrameAssembler _assembler = new MepFrameAssembler(false, 50);
        private readonly MepRequest _request = new MepRequest();
        private readonly byte[] _frame = new byte[2 + MepCodes.MaxFrameBody];
        private readonly byte[] _reply = new byte[2 + MepCodes.MaxFrameBody];
        private readonly byte[] _data = new byte[2 + MepCodes.MaxFrameBody];
        private int _replyLength;
        private int _replyRead;
        private long _replyAtMs;

        public LoopbackMeter(NanoClock clock, MepKey key, uint lastSequence, LoopbackTables tables)
        {
            _clock = clock;
            _digest = new MepDigest(key);
            _tables = tables;
            LastSequence = lastSequence;
            Powered = true;
        }

        public uint LastSequence { get; private set; }

        public int Requests { get; private set; }

        public int Refused { get; private set; }

        public bool Powered { get; private set; }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_replyRead >= _replyLength || _clock.NowMs < _replyAtMs)
            {
                return 0;
            }

            int n = _replyLength - _replyRead;
            if (n > count)
            {
                n = count;
            }

            System.Array.Copy(_reply, _replyRead, buffer, offset, n);
            _replyRead += n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (!Powered)
            {
                return;
            }

            for (int i = 0; i < count; i++)
            {
                if (_assembler.Feed(buffer[offset + i], _clock.NowMs) == MepFrameAssembler.EventFrame)
                {
                    int length = _assembler.FrameLength;
                    System.Array.Copy(_assembler.Buffer, 0, _frame, 0, length);
                    Answer(length);
                }
            }
        }

        public void SetPowered(bool on)
        {
            Powered = on;
            _replyLength = 0;
            _replyRead = 0;
        }

        private void Answer(int length)
        {
            Requests++;
            uint sequence;
            string? error;
            if (!MepRequestParser.DigestValid(_digest, _frame, 0, length) ||
                !MepRequestParser.TryParse(_frame, 0, length, _request, out sequence, out error))
            {
                Refused++;
                Send(MepResponseWriter.WriteAuthenticationFailure(_reply, 0));
                return;
            }

            uint ahead = sequence - LastSequence;
            if (ahead < 1 || ahead > 8)
            {
                Send(MepResponseWriter.WriteInvalidSequence(LastSequence + 1, _frame, 0, length, _digest, _reply, 0));
                return;
            }

            LastSequence = sequence;
            bool full = _request.Code == MepCodes.FullRead;
            if (!full && _request.Code != MepCodes.PartialRead)
            {
                Send(MepResponseWriter.WriteCode(MepCodes.Ok, _frame, 0, length, _digest, _reply, 0));
                return;
            }

            int served = _tables.Serve(_request.TableId, full ? 0 : _request.Offset, full ? -1 : _request.Count, _data);
            if (served < 0)
            {
                Send(MepResponseWriter.WriteCode(MepCodes.TableOperationNotPossible, _frame, 0, length, _digest, _reply, 0));
                return;
            }

            Send(MepResponseWriter.WriteReadReply(_frame, 0, length, _data, 0, served, _digest, _reply, 0));
        }

        private void Send(int length)
        {
            _replyLength = length;
            _replyRead = 0;

            // Latency plus the bytes' time on the wire at 9600 baud (about 1 ms per byte).
            _replyAtMs = _clock.NowMs + LatencyMs + length;
        }
    }
}
