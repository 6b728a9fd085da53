namespace NesMep.Core.Web
{
    /// <summary>The page "/" serves when the host has no UI files (a build without webui/): links to the data.</summary>
    public static class LandingPage
    {
        public const string Html =
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>NesMep</title></head><body>" +
            "<h1>NesMep</h1><p>Meter data:</p><ul>" +
            "<li><a href=\"/api/v1/reading\">/api/v1/reading</a></li>" +
            "<li><a href=\"/api/v1/status\">/api/v1/status</a></li>" +
            "<li><a href=\"/api/v1/info\">/api/v1/info</a></li>" +
            "<li><a href=\"/getDashDataWS\">/getDashDataWS</a> (Home Assistant)</li>" +
            "<li><a href=\"/metrics\">/metrics</a> (Prometheus)</li></ul></body></html>";
    }
}
