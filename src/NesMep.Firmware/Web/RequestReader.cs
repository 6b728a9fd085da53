using System.IO;
using System.Net;
using System.Text;
using NesMep.Core.Web;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// Copies an HttpListenerRequest into the core's <see cref="WebRequest"/>, as the Linux host's WebFrontEnd does for
    /// Kestrel: the headers the core reads, the client address, and a form body up to the core's FormBody.MaxLength,
    /// read with a timeout (a client that announces a body and sends none must not stall the web thread); an update
    /// upload's body is handed over unread (StreamBody).
    /// </summary>
    internal static class RequestReader
    {
        /// <summary>Longest wait for the rest of a request body.</summary>
        public const int BodyReadTimeoutMs = 3000;

        /// <param name="setupAllowed">Whether this client may run the first-start setup (the provisioning decides).</param>
        public static WebRequest Read(HttpListenerRequest r, bool setupAllowed)
        {
            WebHeaderCollection h = r.Headers;
            WebRequest request = new WebRequest
            {
                Method = r.HttpMethod,
                Path = r.RawUrl,
                Host = h["Host"],
                Cookie = h["Cookie"],
                CsrfToken = h["X-CSRF-Token"],
                Authorization = h["Authorization"],
                ContentType = r.ContentType,
                AcceptEncoding = h["Accept-Encoding"],
                IfNoneMatch = h["If-None-Match"],
                Client = r.RemoteEndPoint.Address.ToString(),
                Secure = false,
                SetupAllowed = setupAllowed,
            };
            if (request.Method != "POST" && request.Method != "PUT" && request.Method != "PATCH")
            {
                return request;
            }

            long length = r.ContentLength64;
            if (RouteTable.StreamsBody(request.Method, request.Path))
            {
                // An update upload: the core writes it to flash as it arrives and checks its size itself.
                request.ContentLength = length;
                request.BodySource = new StreamBody(r.InputStream, length, BodyReadTimeoutMs);
                return request;
            }

            if (length > FormBody.MaxLength || length < 0)
            {
                request.BodyTooLarge = true; // a chunked body (no length) is refused too: forms always send one
                return request;
            }

            byte[] body = new byte[(int)length];
            Stream input = r.InputStream;
            input.ReadTimeout = BodyReadTimeoutMs;
            int read = 0;
            while (read < body.Length)
            {
                int n = input.Read(body, read, body.Length - read);
                if (n <= 0)
                {
                    throw new IOException("request body ended after " + read + " of " + body.Length + " bytes");
                }

                read += n;
            }

            request.Body = body.Length == 0 ? "" : new string(Encoding.UTF8.GetChars(body, 0, body.Length));
            return request;
        }
    }
}
