namespace NesMep.Core.Mqtt
{
    /// <summary>
    /// The one check of an MQTT broker address, used by the web form, the config file and the
    /// <c>--mqtt</c> URL alike: a host name (RFC 1123 labels), an IPv4 address (dotted quad) or an
    /// IPv6 address without brackets. Anything else, in particular "host:port", is refused with a
    /// message that says what to do; the port has its own setting.
    /// </summary>
    public static class BrokerHost
    {
        /// <summary>Longest DNS name (RFC 1035).</summary>
        public const int MaxLength = 253;

        private const int MaxLabelLength = 63;

        /// <summary>Null when usable, else the problem (never quoting the value, which may hold anything).</summary>
        public static string? Check(string host)
        {
            if (host == null || host.Length == 0)
            {
                return "give the broker's host name or IP address";
            }

            if (host.Length > MaxLength)
            {
                return "at most " + MaxLength + " characters";
            }

            if (host.IndexOf('[') >= 0 || host.IndexOf(']') >= 0)
            {
                return "write an IPv6 address without brackets, e.g. fd00::5";
            }

            int colon = host.IndexOf(':');
            if (colon >= 0)
            {
                if (IsIPv6(host))
                {
                    return null;
                }

                return colon == host.LastIndexOf(':')
                    ? "give the host only; the port has its own setting"
                    : "not a valid IPv6 address";
            }

            if (LooksNumeric(host))
            {
                return IsIPv4(host) ? null : "not a valid IPv4 address (four numbers 0..255 separated by dots)";
            }

            return IsHostName(host) ? null : "use a host name (letters, digits, '-' and dots), an IPv4 or an IPv6 address";
        }

        /// <summary>Digits and dots only: meant as an IPv4 address.</summary>
        private static bool LooksNumeric(string s)
        {
            foreach (char c in s.ToCharArray())
            {
                if (!(c == '.' || (c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHostName(string s)
        {
            int labelLength = 0;
            char previous = '.';
            foreach (char c in s.ToCharArray())
            {
                if (c == '.')
                {
                    if (labelLength == 0 || previous == '-')
                    {
                        return false;
                    }

                    labelLength = 0;
                }
                else
                {
                    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                    if (!ok || (labelLength == 0 && c == '-') || ++labelLength > MaxLabelLength)
                    {
                        return false;
                    }
                }

                previous = c;
            }

            return labelLength > 0 && previous != '-';
        }

        private static bool IsIPv4(string s)
        {
            char[] chars = s.ToCharArray();
            int parts = 0;
            int start = 0;
            while (start <= s.Length)
            {
                int dot = s.IndexOf('.', start);
                int end = dot < 0 ? s.Length : dot;
                if (!IsOctet(chars, start, end - start))
                {
                    return false;
                }

                parts++;
                if (dot < 0)
                {
                    break;
                }

                start = dot + 1;
            }

            return parts == 4;
        }

        /// <summary>0..255, no leading zeros (which some parsers read as octal).</summary>
        private static bool IsOctet(char[] s, int start, int length)
        {
            if (length < 1 || length > 3 || (length > 1 && s[start] == '0'))
            {
                return false;
            }

            int v = 0;
            for (int i = start; i < start + length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                v = (v * 10) + (c - '0');
            }

            return v <= 255;
        }

        /// <summary>RFC 4291 text form: up to eight 1..4-digit hex groups, one "::" at most, an IPv4 tail allowed.</summary>
        private static bool IsIPv6(string s)
        {
            int gap = s.IndexOf("::");
            if (gap >= 0 && s.IndexOf("::", gap + 1) >= 0)
            {
                return false;
            }

            int groups;
            if (gap < 0)
            {
                groups = CountGroups(s, 0, s.Length);
                return groups == 8;
            }

            int head = gap == 0 ? 0 : CountGroups(s, 0, gap);
            int tail = gap + 2 == s.Length ? 0 : CountGroups(s, gap + 2, s.Length);
            return head >= 0 && tail >= 0 && head + tail <= 7;
        }

        /// <summary>Groups in s[start..end) separated by single colons (an IPv4 tail counts two), or -1.</summary>
        private static int CountGroups(string s, int start, int end)
        {
            char[] chars = s.ToCharArray();
            int count = 0;
            int i = start;
            while (true)
            {
                int colon = s.IndexOf(':', i);
                int stop = colon < 0 || colon >= end ? end : colon;
                int length = stop - i;
                if (stop == end && s.IndexOf('.', i) >= 0 && s.IndexOf('.', i) < end)
                {
                    // The last group may be an embedded IPv4 address (::ffff:192.0.2.1).
                    return IsIPv4(s.Substring(i, length)) ? count + 2 : -1;
                }

                if (length < 1 || length > 4 || !IsHex(chars, i, length))
                {
                    return -1;
                }

                count++;
                if (stop == end)
                {
                    return count;
                }

                i = stop + 1;
            }
        }

        private static bool IsHex(char[] s, int start, int length)
        {
            for (int i = start; i < start + length; i++)
            {
                char c = s[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
