using NesMep.Core.Storage;

namespace NesMep.Core.Tests.Support;

/// <summary>
/// An in-memory flash file system that can "lose power" at operation number N: that operation
/// and everything after it fail, and a write that is cut leaves a half-written file behind.
/// </summary>
public sealed class FlakyFlash : IFileSystem
{
    public readonly Dictionary<string, byte[]> Files = new();
    public int CrashAt = int.MaxValue;
    public int Operations;

    private void Step()
    {
        if (++Operations >= CrashAt)
        {
            throw new IOException("power cut");
        }
    }

    public bool Exists(string path) => Files.ContainsKey(path);

    public byte[] ReadAll(string path) => Files.TryGetValue(path, out byte[]? b) ? (byte[])b.Clone() : throw new FileNotFoundException(path);

    public void WriteAll(string path, byte[] data)
    {
        if (Operations + 1 >= CrashAt)
        {
            Files[path] = data.Take(data.Length / 2).ToArray(); // torn write
        }

        Step();
        Files[path] = (byte[])data.Clone();
    }

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
