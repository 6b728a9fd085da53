namespace NesMep.Core.Protocol
{
    /// <summary>
    /// The MEP "RC4 authentication" digest (protocol reference §4.2), as a reusable streaming
    /// calculator: Reset, Append any number of spans, Finish. Appending a request body and then a
    /// response body gives the response digest without copying. No allocation after construction.
    /// </summary>
    public sealed class MepDigest
    {
        public const int Size = 8;

        private readonly byte[] _key = new byte[MepKey.Length];
        private readonly int _keyLength;
        private readonly int _rounds; // key-byte groups per round (R in §4.2)
        private readonly int _stepsPerRound;
        private readonly byte[] _d = new byte[Size];
        private int _acc;
        private int _step;

        public MepDigest(MepKey key)
        {
            for (int i = 0; i < MepKey.Length; i++)
            {
                _key[i] = key.ByteAt(i);
            }

            _keyLength = MepKey.Length;
            // R = L + floor(L/2), except R = 6 for a 6-byte key (§4.2 step 1); L is 16 on MEP.
            _rounds = _keyLength == 6 ? 6 : _keyLength + _keyLength / 2;
            _stepsPerRound = 8 * _rounds;
            Reset();
        }

        /// <summary>Starts a new digest.</summary>
        public void Reset()
        {
            for (int i = 0; i < Size; i++)
            {
                _d[i] = 0;
            }

            _acc = 0;
            _step = 0;
        }

        /// <summary>Feeds message bytes.</summary>
        public void Append(byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                Step(data[i]);
            }
        }

        /// <summary>
        /// Pads the message with zero steps to a whole round (an empty message still runs one round),
        /// writes D[0..7] to <paramref name="dest"/> and resets.
        /// </summary>
        public void Finish(byte[] dest, int destOffset)
        {
            while (_step == 0 || _step % _stepsPerRound != 0)
            {
                Step(0);
            }

            for (int i = 0; i < Size; i++)
            {
                dest[destOffset + i] = _d[i];
            }

            Reset();
        }

        /// <summary>
        /// Finishes and compares with the 8 bytes at <paramref name="expected"/>[offset] in constant time.
        /// </summary>
        public bool FinishAndCompare(byte[] expected, int offset)
        {
            while (_step == 0 || _step % _stepsPerRound != 0)
            {
                Step(0);
            }

            int diff = 0;
            for (int i = 0; i < Size; i++)
            {
                diff |= _d[i] ^ expected[offset + i];
            }

            Reset();
            return diff == 0;
        }

        /// <summary>One-shot convenience: digest of one span into dest.</summary>
        public void Compute(byte[] data, int offset, int count, byte[] dest, int destOffset)
        {
            Reset();
            Append(data, offset, count);
            Finish(dest, destOffset);
        }

        private void Step(int m)
        {
            int s = _step;
            int bit = s & 7;
            int k = _key[((s >> 3) % _rounds) % _keyLength];
            int v = 7 - bit;
            int n = ~(_d[v] + v) & 0xFF;
            int f;
            if (((k >> bit) & 1) != 0)
            {
                f = ((n << 1) | (n >> 7)) & 0xFF;
            }
            else
            {
                f = (-(((n >> 1) | (n << 7)) & 0xFF)) & 0xFF;
            }

            int value = (_acc + m + f) & 0xFF;
            _d[v] = (byte)value;
            _acc = value;
            _step = s + 1;
        }
    }
}
