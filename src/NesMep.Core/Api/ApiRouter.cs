using System.Text;
using NesMep.Core.Json;
using NesMep.Core.Web;

namespace NesMep.Core.Api
{
    /// <summary>
    /// The bodies of the read-only data API (the routes <see cref="RouteTable"/> marks Api), so the
    /// firmware and the Linux host answer with byte-identical bodies. The dispatcher calls
    /// <see cref="Write"/> under the meter lock with a writer that flushes in chunks.
    /// </summary>
    public static class ApiRouter
    {
        public static string ContentType(int handler)
        {
            return handler == RouteTable.Metrics ? MetricsText.ContentType : WebResponse.Json;
        }

        /// <summary>Writes the body of one API route: JSON through <paramref name="json"/>, text straight to <paramref name="text"/>, its output.</summary>
        public static void Write(int handler, ModuleContext context, JsonWriter json, TextOut text)
        {
            switch (handler)
            {
                case RouteTable.Dabbler:
                    DabblerJson.Write(context, json);
                    break;
                case RouteTable.Reading:
                    ReadingJson.Write(context, json);
                    break;
                case RouteTable.Info:
                    InfoJson.Write(context, json);
                    break;
                case RouteTable.Status:
                    StatusJson.Write(context, json);
                    break;
                default:
                    MetricsText.Write(context, text);
                    break;
            }
        }

        /// <summary>One body as a string: for tests and tools, never for serving.</summary>
        public static string Render(int handler, ModuleContext context)
        {
            StringTextOut text = new StringTextOut(new StringBuilder(1024));
            Write(handler, context, new JsonWriter(text), text);
            return text.ToString();
        }
    }
}
