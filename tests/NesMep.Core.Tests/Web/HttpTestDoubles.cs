#nullable enable
using System.Text;
using NesMep.Core.Web;
using Xunit;

namespace NesMep.Core.Tests.Web;

/// <summary>A response as the dispatcher wrote it: status, headers in order, each body chunk.</summary>
internal sealed class RecordingSink : IResponseSink
{
    public int Code { get; private set; }

    public List<KeyValuePair<string, string>> Headers { get; } = new();

    public List<byte[]> Chunks { get; } = new();

    public int StatusCalls { get; private set; }

    /// <summary>Runs inside each Write (e.g. checks the meter lock is free).</summary>
    public Action? OnWrite { get; set; }

    public void Status(int code)
    {
        Assert.Empty(Headers);
        Assert.Empty(Chunks);
        StatusCalls++;
        Code = code;
    }

    public void Header(string name, string value)
    {
        Assert.Equal(1, StatusCalls);
        Assert.Empty(Chunks); // headers first, then the body
        Headers.Add(new(name, value));
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Assert.InRange(count, 1, buffer.Length);
        Chunks.Add(buffer.AsSpan(offset, count).ToArray());
        OnWrite?.Invoke();
    }

    public byte[] BodyBytes => Chunks.SelectMany(c => c).ToArray();

    public string Body => Encoding.UTF8.GetString(BodyBytes);

    public string? Header(string name) => Headers.Where(h => h.Key == name).Select(h => h.Value).SingleOrDefault();
}

/// <summary>UI files in memory, as a host's asset lookup provides them.</summary>
internal sealed class FakeAssets : IAssetLookup
{
    public Dictionary<string, WebAsset> Files { get; } = new();

    public WebAsset? Find(string name) => Files.TryGetValue(name, out WebAsset? a) ? a : null;
}
