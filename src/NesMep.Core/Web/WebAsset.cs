namespace NesMep.Core.Web
{
    /// <summary>One UI file: its bytes, an optional gzip copy, its content type and a content hash for the ETag.</summary>
    public sealed class WebAsset
    {
        public WebAsset(byte[] raw, byte[]? gzipped, string contentType, string tag)
        {
            Raw = raw;
            Gzipped = gzipped;
            ContentType = contentType;
            Tag = tag;
        }

        public byte[] Raw { get; private set; }

        /// <summary>Null when the file is not worth compressing.</summary>
        public byte[]? Gzipped { get; private set; }

        public string ContentType { get; private set; }

        /// <summary>Hex of the content hash; the gzip copy's ETag adds "-gz" (two encodings, two entities).</summary>
        public string Tag { get; private set; }

        public string ETag(bool gzip)
        {
            return "\"" + Tag + (gzip ? "-gz" : "") + "\"";
        }
    }
}
