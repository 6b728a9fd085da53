using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>
    /// A response body written as UTF-8 into one reused buffer that is handed to an
    /// <see cref="IResponseSink"/> whenever it is full: a 20 KB body costs the buffer, never a
    /// 20 KB string, and appending text or numbers makes no copies.
    /// </summary>
    public sealed class BodyWriter : TextOut
    {
        /// <summary>The buffer's size unless the host asks for another: a few TCP segments, far below the device's heap budget.</summary>
        public const int DefaultChunkBytes = 1024;

        private const int ReplacementChar = 0xFFFD;
        private readonly byte[] _buffer;
        private IResponseSink? _sink;
        private int _used;
        private int _pendingHigh = -1;

        public BodyWriter(int chunkBytes)
        {
            _buffer = new byte[chunkBytes < 16 ? 16 : chunkBytes];
        }

        /// <summary>Bytes handed to the sink since <see cref="Begin"/>.</summary>
        public long Written { get; private set; }

        /// <summary>Most bytes the buffer held at once since it was made (the peak the benchmark reports).</summary>
        public int PeakBytes { get; private set; }

        public int ChunkBytes
        {
            get { return _buffer.Length; }
        }

        /// <summary>Starts a body for <paramref name="sink"/>; null discards what is written (HEAD).</summary>
        public void Begin(IResponseSink? sink)
        {
            _sink = sink;
            _used = 0;
            _pendingHigh = -1;
            Written = 0;
        }

        /// <summary>Hands what is buffered to the sink (the end of a body).</summary>
        public void Flush()
        {
            EndPendingSurrogate();
            if (_used > PeakBytes)
            {
                PeakBytes = _used;
            }

            if (_used > 0 && _sink != null)
            {
                _sink.Write(_buffer, 0, _used);
            }

            Written += _used;
            _used = 0;
        }

        /// <summary>
        /// Ends a body that may never have left the buffer (an MQTT payload, begun with a null sink): when
        /// nothing was handed on yet, an exact-size copy of it; else null, after a last <see cref="Flush"/>,
        /// with <see cref="Written"/> the whole body's length.
        /// </summary>
        public byte[]? FinishWhole()
        {
            EndPendingSurrogate();
            if (Written > 0)
            {
                Flush();
                return null;
            }

            byte[] whole = new byte[_used];
            System.Array.Copy(_buffer, whole, _used);
            Written = _used;
            _used = 0;
            return whole;
        }

        private void EndPendingSurrogate()
        {
            if (_pendingHigh >= 0)
            {
                _pendingHigh = -1;
                PutCodePoint(ReplacementChar); // a high surrogate at the very end stands alone
            }
        }

        public override TextOut Append(char c)
        {
            int v = c;
            if (_pendingHigh >= 0)
            {
                int high = _pendingHigh;
                _pendingHigh = -1;
                if (v >= 0xDC00 && v <= 0xDFFF)
                {
                    PutCodePoint(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00));
                    return this;
                }

                PutCodePoint(ReplacementChar);
            }

            if (v >= 0xD800 && v <= 0xDBFF)
            {
                _pendingHigh = v;
            }
            else
            {
                PutCodePoint(v >= 0xDC00 && v <= 0xDFFF ? ReplacementChar : v);
            }

            return this;
        }

        public override TextOut Append(string s)
        {
            int length = s.Length;
            if (length * 3 > _buffer.Length - 4 || _pendingHigh >= 0)
            {
                // Longer than a third of the buffer (a settings document, a console reply): walked as one
                // char[] so a chunk never ends between the halves of a surrogate pair (s[i] is O(length)
                // on nanoFramework and wrong for pairs). Such text exists as a string already.
                char[] chars = s.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                {
                    Append(chars[i]);
                }

                return this;
            }

            // Names, numbers, labels: encoded whole, straight into the buffer, no copy made.
            if (_buffer.Length - _used < length * 3)
            {
                Flush();
            }

            _used += System.Text.Encoding.UTF8.GetBytes(s, 0, length, _buffer, _used);
            if (_used > PeakBytes)
            {
                PeakBytes = _used;
            }

            if (_buffer.Length - _used < 4)
            {
                Flush();
            }

            return this;
        }

        private void PutCodePoint(int cp)
        {
            if (_buffer.Length - _used < 4)
            {
                Flush();
            }

            if (cp < 0x80)
            {
                _buffer[_used++] = (byte)cp;
            }
            else if (cp < 0x800)
            {
                _buffer[_used++] = (byte)(0xC0 | (cp >> 6));
                _buffer[_used++] = (byte)(0x80 | (cp & 0x3F));
            }
            else if (cp < 0x10000)
            {
                _buffer[_used++] = (byte)(0xE0 | (cp >> 12));
                _buffer[_used++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                _buffer[_used++] = (byte)(0x80 | (cp & 0x3F));
            }
            else
            {
                _buffer[_used++] = (byte)(0xF0 | (cp >> 18));
                _buffer[_used++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                _buffer[_used++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                _buffer[_used++] = (byte)(0x80 | (cp & 0x3F));
            }

            if (_used > PeakBytes)
            {
                PeakBytes = _used;
            }
        }
    }
}
