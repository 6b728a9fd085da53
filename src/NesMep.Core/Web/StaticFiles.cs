namespace NesMep.Core.Web
{
    /// <summary>
    /// How a UI file is served on both hosts: gzip when the client accepts it (and the file has a
    /// gzip copy), ETag with 304 on a matching If-None-Match, the content type and cache headers of
    /// <see cref="WebHeaders"/>. The bytes come from the host's <see cref="IAssetLookup"/>.
    /// </summary>
    public static class StaticFiles
    {
        /// <summary>Serves a GET or HEAD of <paramref name="asset"/> (the caller answers other methods).</summary>
        public static void Serve(WebAsset asset, WebRequest request, IResponseSink sink, int chunkBytes)
        {
            bool gzip = asset.Gzipped != null && AcceptsGzip(request.AcceptEncoding);
            string etag = asset.ETag(gzip);
            if (request.IfNoneMatch != null && request.IfNoneMatch.IndexOf(etag) >= 0)
            {
                WebHeaders.BeginStatic(sink, 304, asset.ContentType, etag);
                return;
            }

            byte[] body = gzip ? asset.Gzipped! : asset.Raw;
            WebHeaders.BeginStatic(sink, 200, asset.ContentType, etag);
            if (gzip)
            {
                sink.Header("Content-Encoding", "gzip");
            }

            sink.Header("Content-Length", body.Length.ToString());
            if (request.Method == "HEAD")
            {
                return;
            }

            for (int offset = 0; offset < body.Length; offset += chunkBytes)
            {
                sink.Write(body, offset, body.Length - offset < chunkBytes ? body.Length - offset : chunkBytes);
            }
        }

        /// <summary>"gzip" listed in Accept-Encoding and not refused with q=0 (RFC 9110 §12.5.3).</summary>
        public static bool AcceptsGzip(string? acceptEncoding)
        {
            if (acceptEncoding == null)
            {
                return false;
            }

            string[] parts = acceptEncoding.Split(',');
            for (int i = 0; i < parts.Length; i++)
            {
                string[] bits = parts[i].Split(';');
                if (WebText.ToLowerAscii(bits[0].Trim()) != "gzip")
                {
                    continue;
                }

                return !(bits.Length > 1 && IsZeroWeight(bits[1]));
            }

            return false;
        }

        /// <summary>"q=0", "q=0.", "q=0.000" and the like, spaces ignored.</summary>
        private static bool IsZeroWeight(string parameter)
        {
            char[] chars = parameter.ToCharArray();
            int state = 0; // 0: before q, 1: after q, 2: after '=', 3: after the 0, 4: after '.'
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == ' ')
                {
                    continue;
                }

                if (state == 0 && (c == 'q' || c == 'Q'))
                {
                    state = 1;
                }
                else if (state == 1 && c == '=')
                {
                    state = 2;
                }
                else if (state == 2 && c == '0')
                {
                    state = 3;
                }
                else if (state == 3 && c == '.')
                {
                    state = 4;
                }
                else if (state != 4 || c != '0')
                {
                    return false;
                }
            }

            return state >= 3;
        }
    }
}
