using System.Security.Cryptography;
using System.Text;
using NesMep.Core.Lifecycle;

namespace NesMep.Core.Tests.Lifecycle;

/// <summary>Builds update files the way docs/firmware.md describes them (manifest, blank line, pack).</summary>
internal static class UpdateFile
{
    public static byte[] Build(string version, params (string Name, byte[] Content)[] files) =>
        Build(version, files, null);

    /// <summary><paramref name="editManifest"/> may change the manifest text before it is joined to the pack.</summary>
    public static byte[] Build(string version, (string Name, byte[] Content)[] files, Func<string, string>? editManifest)
    {
        var sb = new StringBuilder();
        sb.Append(UpdateManifest.Magic).Append('\n');
        sb.Append("kind webui\n");
        sb.Append("version ").Append(version).Append('\n');
        foreach (var (name, content) in files)
        {
            sb.Append("file ").Append(name).Append(' ').Append(content.Length).Append(' ')
              .Append(Convert.ToHexStringLower(SHA256.HashData(content))).Append(" gzip\n");
        }

        sb.Append('\n');
        string manifest = editManifest == null ? sb.ToString() : editManifest(sb.ToString());
        return Encoding.ASCII.GetBytes(manifest).Concat(files.SelectMany(f => f.Content)).ToArray();
    }

    /// <summary>A UI file's worth of deterministic bytes.</summary>
    public static byte[] Content(string seed, int length)
    {
        var r = new Random(seed.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        var b = new byte[length];
        r.NextBytes(b);
        return b;
    }

    public static (string, byte[])[] SampleSet(string seed) =>
    [
        ("index.html", Content(seed + "index", 900)),
        ("app.js", Content(seed + "app", 1700)),
        ("app.css", Content(seed + "css", 1200)),
    ];
}

/// <summary>.NET's SHA-256 behind the core's interface, to cross-check the core's own.</summary>
internal sealed class DotnetSha256 : ISha256
{
    private IncrementalHash _h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Reset() => _h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Update(byte[] data, int offset, int count) => _h.AppendData(data, offset, count);

    public void Finish(byte[] output, int outputOffset) => _h.GetHashAndReset().CopyTo(output, outputOffset);
}
