using NesMep.Core.Lifecycle;

namespace NesMep.Core.Tests.Support;

/// <summary>
/// An in-memory flash file system (the device's I:\ as the core sees it) that can "lose power" at
/// write operation number N: that operation and everything after it fail with an IOException, and
/// a write or append that is cut leaves half of its bytes behind. Reads are not counted. Setting
/// <see cref="CrashAt"/> back to int.MaxValue is power coming back; the files stay as the cut left them.
/// </summary>
public sealed class FlakyFlash : IAppendFileSystem
{
    public readonly Dictionary<string, byte[]> Files = new();
    public int CrashAt = int.MaxValue;
    public int Operations;

    /// <summary>The power was cut in this run (code that catches the IOException cannot hide it).</summary>
    public bool Cut { get; private set; }

    /// <summary>Power returns: no more cuts, the operation count restarts.</summary>
    public void PowerBack()
    {
        CrashAt = int.MaxValue;
        Operations = 0;
        Cut = false;
    }

    private void Step()
    {
        if (++Operations >= CrashAt)
        {
            Cut = true;
            throw new IOException("power cut");
        }
    }

    private bool CutsNext => Operations + 1 >= CrashAt;

    public bool Exists(string path) => Files.ContainsKey(path);

    /// <summary>Every read fails (a damaged drive), whatever the power does.</summary>
    public bool ReadsFail;

    public byte[] ReadAll(string path) =>
        ReadsFail ? throw new IOException("corrupted block") :
        Files.TryGetValue(path, out byte[]? b) ? (byte[])b.Clone() : throw new FileNotFoundException(path);

    public void WriteAll(string path, byte[] data)
    {
        if (CutsNext)
        {
            Files[path] = data.Take(data.Length / 2).ToArray(); // torn write
        }

        Step();
        Files[path] = (byte[])data.Clone();
    }

    /// <summary>An append that would make a file longer than this fails: the drive is full.</summary>
    public long FileLimit = long.MaxValue;

    public void Append(string path, byte[] data, int offset, int count)
    {
        if (Length(path) + count > FileLimit)
        {
            throw new IOException("no space left on I:");
        }

        byte[] old = Files.TryGetValue(path, out byte[]? b) ? b : [];
        int keep = CutsNext ? count / 2 : count;
        Files[path] = old.Concat(data.Skip(offset).Take(keep)).ToArray();
        Step();
    }

    public long Length(string path) => Files.TryGetValue(path, out byte[]? b) ? b.Length : -1;

    public void Delete(string path)
    {
        Step();
        Files.Remove(path);
    }

    public void Move(string from, string to)
    {
        Step();
        if (Files.ContainsKey(to))
        {
            throw new IOException("target exists");
        }

        Files[to] = Files[from];
        Files.Remove(from);
    }
}
