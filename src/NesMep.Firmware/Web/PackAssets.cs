using NesMep.Core.Lifecycle;
using NesMep.Core.Web;
using NesMep.Firmware.Storage;

namespace NesMep.Firmware.Web
{
    /// <summary>
    /// UI files from the update set the core's <see cref="UpdateManager"/> serves (a slice of its pack on I:\), else the
    /// built-in resource (docs/firmware.md, "Updating the web UI"). Each file served from a pack counts for the trial's
    /// confirmation. A set's files are stored gzip; a client that refuses gzip gets the built-in file instead, so no
    /// gzip bytes ever go out unlabelled. The web loop serves one request at a time and sets <see cref="ClientAcceptsGzip"/>
    /// before each.
    /// </summary>
    internal sealed class PackAssets : IAssetLookup
    {
        private readonly UpdateManager _updates;
        private readonly FlashFileSystem _fs;
        private readonly IAssetLookup _builtIn;

        public PackAssets(UpdateManager updates, FlashFileSystem fs, IAssetLookup builtIn)
        {
            _updates = updates;
            _fs = fs;
            _builtIn = builtIn;
        }

        /// <summary>Whether the current request accepts gzip (StaticFiles.AcceptsGzip of its Accept-Encoding).</summary>
        public bool ClientAcceptsGzip { get; set; }

        public WebAsset? Find(string name)
        {
            string pack;
            int offset;
            int length;
            bool gzip;
            string sha;
            if (!_updates.TryFind(name, out pack, out offset, out length, out gzip, out sha) || (gzip && !ClientAcceptsGzip))
            {
                return _builtIn.Find(name);
            }

            string? type = WebHeaders.ContentTypeFor(name);
            if (type == null)
            {
                return null;
            }

            byte[] bytes = _fs.ReadSlice(pack, offset, length);
            _updates.NoteUiServed();
            // Raw is only sent to a client without gzip, which never reaches here for a gzip file.
            return new WebAsset(bytes, gzip ? bytes : null, type, sha);
        }
    }
}
