namespace NesMep.Core.Web
{
    /// <summary>
    /// The web UI files a host ships: the Linux host reads webui/ at start, the device its resources.
    /// The name is a plain file name already checked by <see cref="WebHeaders.FileFor"/>.
    /// </summary>
    public interface IAssetLookup
    {
        /// <summary>The file, or null when the host has none of that name.</summary>
        WebAsset? Find(string name);
    }
}
