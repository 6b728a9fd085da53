namespace NesMep.Core.Network
{
    /// <summary>The module's own access point while it is being set up (docs/firmware.md, "First boot, access point and setup security").</summary>
    public static class AccessPoint
    {
        /// <summary>What every access point name starts with; the last three bytes of the MAC follow in hex.</summary>
        public const string SsidPrefix = "NesMep-";

        /// <summary>The portal's address as phones are sent to it (the captive probes' redirect target).</summary>
        public const string PortalUrl = "http://192.168.4.1/";

        /// <summary>The module's address on its access point, 192.168.4.1 (nanoFramework's and ESP-IDF's soft-AP default); a new array each call.</summary>
        public static byte[] Address()
        {
            return new byte[] { 192, 168, 4, 1 };
        }

        /// <summary>
        /// "NesMep-XXXXXX" from the last three bytes of the station MAC (upper-case hex), as the label on
        /// the chip's module shows it: two modules side by side get different names, and the name says
        /// nothing secret (the MAC is on the air anyway).
        /// </summary>
        public static string Ssid(byte[] mac)
        {
            if (mac == null || mac.Length < 3)
            {
                throw new System.ArgumentException("a MAC address of at least 3 bytes");
            }

            const string digits = "0123456789ABCDEF";
            char[] hex = digits.ToCharArray();
            char[] name = new char[6];
            for (int i = 0; i < 3; i++)
            {
                byte b = mac[mac.Length - 3 + i];
                name[2 * i] = hex[b >> 4];
                name[2 * i + 1] = hex[b & 15];
            }

            return SsidPrefix + new string(name);
        }

        /// <summary>
        /// True when <paramref name="address"/> ("a.b.c.d", a ":port" suffix allowed) is on the access
        /// point's /24 (192.168.4.x, x from 1 to 254): the module itself or one of its DHCP clients.
        /// </summary>
        public static bool OnSubnet(string? address)
        {
            byte[]? parsed = ParseIPv4(address);
            if (parsed == null)
            {
                return false;
            }

            byte[] own = Address();
            return parsed[0] == own[0] && parsed[1] == own[1] && parsed[2] == own[2] && parsed[3] != 0 && parsed[3] != 255;
        }

        /// <summary>True when <paramref name="address"/> (":port" allowed) is the module's own access point address.</summary>
        public static bool IsOwnAddress(string? address)
        {
            byte[]? parsed = ParseIPv4(address);
            byte[] own = Address();
            return parsed != null && parsed[0] == own[0] && parsed[1] == own[1] && parsed[2] == own[2] && parsed[3] == own[3];
        }

        /// <summary>Four bytes of a dotted quad with an optional ":port", or null for anything else.</summary>
        public static byte[]? ParseIPv4(string? address)
        {
            if (address == null)
            {
                return null;
            }

            byte[] result = new byte[4];
            int part = 0;
            int digits = 0;
            int value = 0;
            char[] chars = address.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '.' || c == ':')
                {
                    if (digits == 0 || part > 3)
                    {
                        return null;
                    }

                    result[part++] = (byte)value;
                    digits = 0;
                    value = 0;
                    if (c == ':')
                    {
                        // A port may follow the fourth part only, and must be digits.
                        return part == 4 && IsPort(chars, i + 1) ? result : null;
                    }

                    continue;
                }

                if (c < '0' || c > '9' || digits == 3)
                {
                    return null;
                }

                value = value * 10 + (c - '0');
                digits++;
                if (value > 255)
                {
                    return null;
                }
            }

            if (digits == 0 || part != 3)
            {
                return null;
            }

            result[3] = (byte)value;
            return result;
        }

        private static bool IsPort(char[] chars, int start)
        {
            if (start >= chars.Length || chars.Length - start > 5)
            {
                return false;
            }

            for (int i = start; i < chars.Length; i++)
            {
                if (chars[i] < '0' || chars[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
