using NesMep.Core.Json;

namespace NesMep.Core.Api
{
    /// <summary>
    /// The read-only HTTP endpoints both hosts serve, so the firmware and the Linux host answer with
    /// byte-identical bodies. Returns null for paths it does not own (static UI files, settings).
    /// The caller holds the module lock while this runs.
    /// </summary>
    public static class ApiRouter
    {
        public static ApiResponse? Handle(string method, string path, ModuleContext context)
        {
            string p = StripQuery(path);
            if (p != "/getDashDataWS" && p != "/api/v1/reading" && p != "/api/v1/info" && p != "/api/v1/status" && p != "/metrics")
            {
                return null;
            }

            if (method != "GET" && method != "HEAD")
            {
                return Error(405, "only GET and HEAD are allowed on " + p);
            }

            switch (p)
            {
                case "/getDashDataWS":
                    return new ApiResponse(200, ApiResponse.Json, DabblerJson.Build(context));
                case "/api/v1/reading":
                    return new ApiResponse(200, ApiResponse.Json, ReadingJson.Build(context));
                case "/api/v1/info":
                    return new ApiResponse(200, ApiResponse.Json, InfoJson.Build(context));
                case "/api/v1/status":
                    return new ApiResponse(200, ApiResponse.Json, StatusJson.Build(context));
                default:
                    return new ApiResponse(200, MetricsText.ContentType, MetricsText.Build(context));
            }
        }

        /// <summary>{"error":"…"} with the given status.</summary>
        public static ApiResponse Error(int status, string message)
        {
            JsonWriter w = new JsonWriter();
            w.BeginObject().Property("error", message).EndObject();
            return new ApiResponse(status, ApiResponse.Json, w.ToString());
        }

        private static string StripQuery(string path)
        {
            if (path == null)
            {
                return "";
            }

            int q = path.IndexOf('?');
            return q < 0 ? path : path.Substring(0, q);
        }
    }
}
