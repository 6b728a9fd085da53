using NesMep.Core.Json;

namespace NesMep.Core.Web
{
    /// <summary>
    /// A response body written as UTF-8 into one reused buffer that is handed to an
    /// <see cref="IResponseSink"/> whenever it is full: a 20 KB body costs the buffer, never a
    /// 20 KB string. Strings are walked with one char[] only when they are short (on nanoFramework
    /// s[i] is O(length), and a copy of a long string is the garbage this class exists to avoid).
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
            if (_pendingHigh >= 0)
            {
                _pendingHigh = -1;
                PutCodePoint(ReplacementChar); // a high surrogate at the very end stands alone
            }

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
            if (s.Length <= ShortString)
            {
                char[] chars = s.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                {
                    Append(chars[i]);
                }

                return this;
            }

            // Long text (a settings document, a console reply): encoded a slice at a time straight
            // into the buffer. A slice never ends between the two halves of a surrogate pair.
            int start = 0;
            while (start < s.Length)
            {
                if (_pendingHigh >= 0 || _buffer.Length - _used < 4)
                {
                    Append(s[start]);
                    start++;
                    continue;
                }

                int count = (_buffer.Length - _used) / 3;
                if (count > s.Length - start)
                {
                    count = s.Length - start;
                }

                int last = s[start + count - 1];
                if (last >= 0xD800 && last <= 0xDBFF)
                {
                    count--;
                    if (count == 0)
                    {
                        Append(s[start]);
                        start++;
                        continue;
                    }
                }

                _used += System.Text.Encoding.UTF8.GetBytes(s, start, count, _buffer, _used);
                start += count;
                if (_buffer.Length - _used < 4)
                {
                    Flush();
                }
            }

            return this;
        }

        /// <summary>Strings up to this length are walked as one char[] (names, numbers, labels).</summary>
        private const int ShortString = 64;

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
