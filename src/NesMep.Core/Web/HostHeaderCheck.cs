namespace NesMep.Core.Web
{
    /// <summary>
    /// DNS-rebinding protection: the web endpoints only answer requests addressed to an IP literal,
    /// "localhost" or the module's own host name (with or without ".local"). A malicious page whose
    /// domain was re-pointed at the module therefore cannot set the first password or try logins,
    /// because its requests carry its own domain in the Host header.
    /// </summary>
    public static class HostHeaderCheck
    {
        /// <summary>True when the Host header (port allowed) names this module; a missing header passes (HTTP/1.0 tools).</summary>
        public static bool IsAllowed(string? hostHeader, string configuredHostname)
        {
            if (hostHeader == null || hostHeader.Length == 0)
            {
                return true;
            }

            string host = StripPort(hostHeader.Trim()).ToLower();
            if (host.Length == 0)
            {
                return false;
            }

            if (host.StartsWith("["))
            {
                return host.EndsWith("]"); // IPv6 literal
            }

            if (host == "localhost" || IsIPv4(host))
            {
                return true;
            }

            if (configuredHostname == null || configuredHostname.Length == 0)
            {
                return false;
            }

            string own = configuredHostname.ToLower();
            return host == own || host == own + ".local" || host == own + ".local.";
        }

        private static string StripPort(string host)
        {
            if (host.StartsWith("["))
            {
                int close = host.IndexOf(']');
                return close < 0 ? host : host.Substring(0, close + 1);
            }

            int colon = host.IndexOf(':');
            return colon < 0 ? host : host.Substring(0, colon);
        }

        private static bool IsIPv4(string host)
        {
            return NesMep.Core.Network.AccessPoint.ParseIPv4(host) != null; // the port is stripped already
        }
    }
}
