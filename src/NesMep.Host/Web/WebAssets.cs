using System.IO.Compression;
using System.Security.Cryptography;
using NesMep.Core.Web;

namespace NesMep.Host.Web;

/// <summary>
/// The Linux host's <see cref="IAssetLookup"/>: the web UI files, loaded once into memory with a gzip
/// copy and a content hash each (the core's dispatcher decides how they are served). The folder is
/// flat (the device's littlefs serves the same names). A ready-made NAME.gz next to a file is used
/// as its compressed form, as the firmware does; otherwise it is compressed here at startup.
/// </summary>
public sealed class WebAssets : IAssetLookup
{
    private readonly Dictionary<string, WebAsset> _files = new(StringComparer.Ordinal);

    private WebAssets(string root) => Root = root;

    public string Root { get; }

    public int Count => _files.Count;

    public IEnumerable<string> Names => _files.Keys;

    /// <summary>Loads every UI file of <paramref name="root"/>; an empty set when the folder does not exist.</summary>
    public static WebAssets Load(string root)
    {
        var assets = new WebAssets(root);
        if (!Directory.Exists(root))
        {
            return assets;
        }

        foreach (string file in Directory.GetFiles(root))
        {
            string name = Path.GetFileName(file);
            string? type = WebHeaders.ContentTypeFor(name);
            if (type == null || name.StartsWith('.'))
            {
                continue; // README.md, .gz files, editor droppings
            }

            byte[] raw = File.ReadAllBytes(file);
            byte[]? gz = File.Exists(file + ".gz") ? File.ReadAllBytes(file + ".gz") : Compressible(type) ? Gzip(raw) : null;
            if (gz != null && gz.Length >= raw.Length)
            {
                gz = null;
            }

            string tag = Convert.ToHexStringLower(SHA256.HashData(raw), 0, 8);
            assets._files[name] = new WebAsset(raw, gz, type, tag);
        }

        return assets;
    }

    /// <summary>The UI file of that name, or null.</summary>
    public WebAsset? Find(string name) => _files.TryGetValue(name, out WebAsset? a) ? a : null;

    /// <summary>Gzip at the smallest size; deterministic (no file name, no time stamp in the header).</summary>
    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gz.Write(data);
        }

        return output.ToArray();
    }

    private static bool Compressible(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type.StartsWith("application/json", StringComparison.Ordinal) || type == "image/svg+xml";
}
