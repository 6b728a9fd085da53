namespace NesMep.Core.Protocol
{
    /// <summary>
    /// Byte order helpers. MEP envelope fields are big-endian; numbers inside table data are
    /// little-endian (protocol reference §3.5).
    /// </summary>
    public static class ByteOrder
    {
        public static int ReadUInt16BE(byte[] b, int o)
        {
            return (b[o] << 8) | b[o + 1];
        }

        public static int ReadUInt24BE(byte[] b, int o)
        {
            return (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
        }

        public static uint ReadUInt32BE(byte[] b, int o)
        {
            return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        }

        public static void WriteUInt16BE(byte[] b, int o, int v)
        {
            b[o] = (byte)(v >> 8);
            b[o + 1] = (byte)v;
        }

        public static void WriteUInt24BE(byte[] b, int o, int v)
        {
            b[o] = (byte)(v >> 16);
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)v;
        }

        public static void WriteUInt32BE(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24);
            b[o + 1] = (byte)(v >> 16);
            b[o + 2] = (byte)(v >> 8);
            b[o + 3] = (byte)v;
        }

        public static int ReadUInt16LE(byte[] b, int o)
        {
            return b[o] | (b[o + 1] << 8);
        }

        public static int ReadInt16LE(byte[] b, int o)
        {
            return (short)(b[o] | (b[o + 1] << 8));
        }

        public static int ReadInt32LE(byte[] b, int o)
        {
            return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
        }

        public static uint ReadUInt32LE(byte[] b, int o)
        {
            return (uint)ReadInt32LE(b, o);
        }

        public static void WriteInt32LE(byte[] b, int o, int v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        public static void WriteUInt16LE(byte[] b, int o, int v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }
    }
}
