using System;

namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Cuts MEP frames out of a byte stream (protocol reference §3.4). The 2-byte length is the only
    /// framing, so the assembler also checks what a frame start must look like: a length the code
    /// byte allows, a known code, and for read replies a count that matches the length. Anything
    /// else is noise and the stream is re-read one byte later, so stray bytes in front of a reply
    /// do not swallow it. It also enforces an inter-byte gap timeout (a truncated frame is dropped),
    /// the 476-byte limit (an oversize frame is skipped until the line goes quiet) and recognises the
    /// <c>00 00</c> alert at a frame boundary (§3.7). No allocation.
    /// </summary>
    public sealed class MepFrameAssembler
    {
        public const int EventNone = 0;
        public const int EventFrame = 1;
        public const int EventAlert = 2;

        /// <summary>Lengths up to this are treated as a real but oversize frame, larger ones as noise.</summary>
        private const int PlausibleOversize = 2047;

        private const int NeedMore = 0;
        private const int Invalid = 1;
        private const int Complete = 2;
        private const int Alert = 3;
        private const int Oversize = 4;

        private readonly byte[] _buffer = new byte[2 + MepCodes.MaxFrameBody];
        private readonly bool _responses;
        private int _count;
        private bool _skipping;
        private bool _resyncing;
        private long _lastByteMs;

        /// <param name="responses">true on the client (frames are responses), false on the meter side.</param>
        /// <param name="gapTimeoutMs">Silence that ends a partial frame (the meter pauses 25 ms per 117 bytes, §3.8).</param>
        public MepFrameAssembler(bool responses, int gapTimeoutMs)
        {
            _responses = responses;
            GapTimeoutMs = gapTimeoutMs;
        }

        public int GapTimeoutMs { get; set; }

        /// <summary>The buffer holding the last completed frame at offset 0 (valid until the next Feed).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Length of the completed frame after <see cref="EventFrame"/>.</summary>
        public int FrameLength { get; private set; }

        /// <summary>True while part of a frame has been received (or an oversize one is being skipped).</summary>
        public bool InFrame
        {
            get { return _count > 0 || _skipping; }
        }

        /// <summary>
        /// Clock time at which <see cref="Expire"/> drops the partial frame (or ends skipping) if no byte
        /// arrives before, or <see cref="long.MaxValue"/> when no frame is in progress.
        /// </summary>
        public long ExpiresAtMs
        {
            get { return InFrame ? _lastByteMs + GapTimeoutMs + 1 : long.MaxValue; }
        }

        public int NoiseBytes { get; private set; }

        public int OversizeFrames { get; private set; }

        public int TruncatedFrames { get; private set; }

        public int AlertSequences { get; private set; }

        /// <summary>Feeds one received byte; returns EventNone, EventFrame or EventAlert.</summary>
        public int Feed(byte value, long nowMs)
        {
            Expire(nowMs);
            _lastByteMs = nowMs;
            if (_skipping)
            {
                NoiseBytes++;
                return EventNone;
            }

            _buffer[_count++] = value;
            while (_count > 0)
            {
                int verdict = Check();
                switch (verdict)
                {
                    case NeedMore:
                        return EventNone;
                    case Complete:
                        FrameLength = _count;
                        _count = 0;
                        _resyncing = false;
                        return EventFrame;
                    case Alert:
                        _count = 0;
                        AlertSequences++;
                        return EventAlert;
                    case Oversize:
                        OversizeFrames++;
                        _count = 0;
                        _skipping = true;
                        return EventNone;
                    default:
                        // Not a frame start: drop one byte and re-check what is left.
                        NoiseBytes++;
                        _resyncing = true;
                        _count--;
                        Array.Copy(_buffer, 1, _buffer, 0, _count);
                        break;
                }
            }

            return EventNone;
        }

        /// <summary>
        /// Drops a partial frame (or ends skipping) once the line has been quiet for the gap timeout.
        /// Returns true when a partial frame was dropped.
        /// </summary>
        public bool Expire(long nowMs)
        {
            if (_resyncing && _count == 0 && nowMs - _lastByteMs > GapTimeoutMs)
            {
                // The noise was all dropped and the line has been quiet since: the next byte starts at
                // a clean boundary again, so a following 00 00 is a real alert (§3.7).
                _resyncing = false;
            }

            if ((_count > 0 || _skipping) && nowMs - _lastByteMs > GapTimeoutMs)
            {
                bool dropped = _count > 0;
                if (dropped)
                {
                    TruncatedFrames++;
                }

                _count = 0;
                _skipping = false;
                _resyncing = false;
                return dropped;
            }

            return false;
        }

        /// <summary>Forgets any partial frame (after a transceiver reset).</summary>
        public void Clear()
        {
            _count = 0;
            _skipping = false;
            _resyncing = false;
        }

        private int Check()
        {
            if (_count < 2)
            {
                return _buffer[0] <= (PlausibleOversize >> 8) ? NeedMore : Invalid;
            }

            int length = (_buffer[0] << 8) | _buffer[1];
            if (length == 0)
            {
                // Inside noise two zero bytes are not an alert; the meter repeats real alerts every second.
                return _resyncing ? Invalid : Alert;
            }

            if (length > MepCodes.MaxFrameBody)
            {
                return length <= PlausibleOversize ? CheckOversize(length) : Invalid;
            }

            int verdict = _responses ? CheckResponse(length) : CheckRequest(length);
            if (verdict != NeedMore)
            {
                return verdict;
            }

            return _count == length + 2 ? Complete : NeedMore;
        }

        /// <summary>
        /// A length over 476 is only taken as a real (oversize) frame when the bytes after it look like
        /// one: a read reply whose count fits the length, or a known request code. Otherwise it is noise.
        /// </summary>
        private int CheckOversize(int length)
        {
            if (_responses)
            {
                if (_count < 5)
                {
                    return _count < 3 || _buffer[2] == MepCodes.Ok ? NeedMore : Invalid;
                }

                return ((_buffer[3] << 8) | _buffer[4]) == length - 11 ? Oversize : Invalid;
            }

            if (_count < 3)
            {
                return NeedMore;
            }

            byte code = _buffer[2];
            return code == MepCodes.FullWrite || code == MepCodes.PartialWrite || code == MepCodes.FullRead ||
                   code == MepCodes.PartialRead ? Oversize : Invalid;
        }

        private int CheckResponse(int length)
        {
            if (length < MepCodes.MinResponseBody)
            {
                return Invalid;
            }

            if (_count < 3)
            {
                return NeedMore;
            }

            switch (_buffer[2])
            {
                case MepCodes.Ok:
                    if (length == MepCodes.MinResponseBody)
                    {
                        return NeedMore;
                    }

                    if (length < MepCodes.MinResponseBody + 2)
                    {
                        return Invalid; // code + 2-byte count + digest is the smallest read reply
                    }

                    if (_count < 5)
                    {
                        return NeedMore;
                    }

                    // Read reply: the count field must account for every byte before the digest.
                    return ((_buffer[3] << 8) | _buffer[4]) == length - 11 ? NeedMore : Invalid;
                case MepCodes.InvalidSequenceNumber:
                    return length == 13 ? NeedMore : Invalid;
                case MepCodes.UnrecognizedRequest:
                case MepCodes.UnsupportedRequest:
                case MepCodes.NoPermission:
                case MepCodes.OperationNotPossible:
                case MepCodes.TableOperationNotPossible:
                case MepCodes.InvalidServiceSequenceState:
                case MepCodes.AuthenticationFailure:
                    return length == MepCodes.MinResponseBody ? NeedMore : Invalid;
                default:
                    return Invalid;
            }
        }

        private int CheckRequest(int length)
        {
            if (length < MepCodes.MinRequestBody)
            {
                return Invalid;
            }

            if (_count < 3)
            {
                return NeedMore;
            }

            switch (_buffer[2])
            {
                case MepCodes.FullRead:
                    // With or without the 2-byte max length (§3.2: missing means indeterminate, no error).
                    return length == 5 + MepCodes.RequestTrailer || length == 3 + MepCodes.RequestTrailer ? NeedMore : Invalid;
                case MepCodes.PartialRead:
                    return length == 8 + MepCodes.RequestTrailer ? NeedMore : Invalid;
                case MepCodes.FullWrite:
                    if (length < 5 + MepCodes.RequestTrailer)
                    {
                        return Invalid;
                    }

                    if (_count < 7)
                    {
                        return NeedMore;
                    }

                    return ((_buffer[5] << 8) | _buffer[6]) == length - 5 - MepCodes.RequestTrailer ? NeedMore : Invalid;
                case MepCodes.PartialWrite:
                    if (length < 8 + MepCodes.RequestTrailer)
                    {
                        return Invalid;
                    }

                    if (_count < 10)
                    {
                        return NeedMore;
                    }

                    return ((_buffer[8] << 8) | _buffer[9]) == length - 8 - MepCodes.RequestTrailer ? NeedMore : Invalid;
                default:
                    // Unknown request codes still frame, so the meter can answer 0x01.
                    return NeedMore;
            }
        }
    }
}
