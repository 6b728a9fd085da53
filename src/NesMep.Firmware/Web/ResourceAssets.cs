using NesMep.Core.Web;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// The core's <see cref="IAssetLookup"/> on the device: UI files from the firmware's resources (flash), loaded for
    /// the request that asks and dropped after it, never kept on the heap. Each file comes with its gzip copy (every
    /// browser the UI supports accepts gzip, so that is what goes out; the plain file only for a client that refuses
    /// it). The ETag is the firmware version plus the file's size: the files change only with a new firmware.
    /// </summary>
    internal sealed class ResourceAssets : IAssetLookup
    {
        private readonly string[] _names;
        private readonly string _version;

        public ResourceAssets(string version)
        {
            _names = WebResourceTable.Names();
            _version = version;
        }

        public WebAsset? Find(string name)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (_names[i] != name)
                {
                    continue;
                }

                string? type = WebHeaders.ContentTypeFor(name);
                if (type == null)
                {
                    return null;
                }

                byte[] raw = Resources.GetBytes(WebResourceTable.Raw(i));
                byte[] gzip = Resources.GetBytes(WebResourceTable.Gzip(i));
                return new WebAsset(raw, gzip.Length < raw.Length ? gzip : null, type, _version + "-" + raw.Length);
            }

            return null;
        }
    }
}
