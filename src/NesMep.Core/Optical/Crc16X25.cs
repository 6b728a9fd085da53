namespace NesMep.Core.Optical
{
    /// <summary>
    /// CRC-16/X-25 (the HDLC frame check sequence) that closes every C12.18 packet (reference §13.1):
    /// polynomial 0x1021 processed bit-reflected (0x8408), initial 0xFFFF, final XOR 0xFFFF, sent low
    /// byte first. Bitwise, so no table sits in memory on the device. Check value of "123456789": 0x906E.
    /// </summary>
    public static class Crc16X25
    {
        public const int Initial = 0xFFFF;

        /// <summary>The CRC of <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        public static int Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Initial, data, offset, count));
        }

        /// <summary>Feeds bytes into a running (not yet finished) CRC.</summary>
        public static int Update(int crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }
            }

            return crc;
        }

        /// <summary>Applies the final XOR.</summary>
        public static int Finish(int crc)
        {
            return (crc ^ 0xFFFF) & 0xFFFF;
        }
    }
}
