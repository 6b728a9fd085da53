using System;
using System.Text;

namespace NesMep.Core.Network
{
    /// <summary>Names in DNS wire form (length-prefixed labels ending in a zero byte), built once and compared without allocating.</summary>
    public static class DnsName
    {
        /// <summary>
        /// "esp32-mep.local" → 9 'esp32-mep' 5 'local' 0. Throws <see cref="ArgumentException"/> for an empty
        /// label, a label over 63 bytes or a name over 255 bytes: these names come from validated settings.
        /// </summary>
        public static byte[] FromDotted(string dotted)
        {
            byte[] text = Encoding.UTF8.GetBytes(dotted);
            int total = text.Length + 2;
            if (text.Length == 0 || total > Dns.MaxNameLength)
            {
                throw new ArgumentException("DNS name must be 1..253 bytes: " + dotted);
            }

            byte[] wire = new byte[total];
            int labelStart = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && text[i] != (byte)'.')
                {
                    continue;
                }

                int len = i - labelStart;
                if (len == 0 || len > Dns.MaxLabelLength)
                {
                    throw new ArgumentException("DNS label must be 1..63 bytes: " + dotted);
                }

                wire[labelStart] = (byte)len;
                Array.Copy(text, labelStart, wire, labelStart + 1, len);
                labelStart = i + 1;
            }

            wire[total - 1] = 0;
            return wire;
        }

        /// <summary>Wire names equal with ASCII letters compared case-insensitively (RFC 4343). Length bytes (0..63) never fold.</summary>
        public static bool EqualsIgnoreCase(byte[] a, int aLength, byte[] b)
        {
            if (aLength != b.Length)
            {
                return false;
            }

            for (int i = 0; i < aLength; i++)
            {
                if (Fold(a[i]) != Fold(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static int Fold(byte c)
        {
            return c >= (byte)'A' && c <= (byte)'Z' ? c + 32 : c;
        }
    }
}
