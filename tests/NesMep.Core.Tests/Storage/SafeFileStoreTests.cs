using System.Text;
using NesMep.Core.Storage;
using Xunit;

namespace NesMep.Core.Tests.Storage;

public class SafeFileStoreTests
{
    /// <summary>
    /// An in-memory flash file system that can "lose power" at operation number N: that operation
    /// and everything after it fail, and a write that is cut leaves a half-written file behind.
    /// </summary>
    private sealed class FlakyFlash : IFileSystem
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

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Saves_and_loads_and_leaves_no_helper_files()
    {
        var flash = new FlakyFlash();
        var store = new SafeFileStore(flash, "I:\\settings.json");
        Assert.Null(store.Load());
        Assert.Null(store.Save(B("{\"v\":1}")));
        Assert.Null(store.Save(B("{\"v\":2}")));
        Assert.Equal("{\"v\":2}", Encoding.UTF8.GetString(store.Load()!));
        Assert.Equal(new[] { "I:\\settings.json" }, flash.Files.Keys);
    }

    [Fact]
    public void A_power_cut_at_any_step_of_a_save_keeps_either_the_old_or_the_new_settings_never_a_mix()
    {
        string old = "{\"key\":\"old settings, complete\"}";
        string next = "{\"key\":\"new settings, also complete, and longer\"}";
        for (int crashAt = 1; crashAt <= 12; crashAt++)
        {
            var flash = new FlakyFlash();
            var store = new SafeFileStore(flash, "I:\\settings.json");
            Assert.Null(store.Save(B(old)));
            flash.Operations = 0;
            flash.CrashAt = crashAt;
            bool finished;
            try
            {
                finished = store.Save(B(next)) == null;
            }
            catch (IOException)
            {
                finished = false;
            }

            flash.CrashAt = int.MaxValue; // power is back: the device boots and loads
            string loaded = Encoding.UTF8.GetString(new SafeFileStore(flash, "I:\\settings.json").Load()!);
            Assert.True(loaded == old || loaded == next, "crash at operation " + crashAt + " left: " + loaded);
            if (finished)
            {
                Assert.Equal(next, loaded);
            }

            Assert.Equal(new[] { "I:\\settings.json" }, flash.Files.Keys);
        }
    }

    [Fact]
    public void A_cut_before_the_new_file_is_moved_in_keeps_the_previous_settings()
    {
        var flash = new FlakyFlash();
        var store = new SafeFileStore(flash, "s");
        store.Save(B("old"));
        flash.Operations = 0;
        flash.CrashAt = 3; // Load() finds nothing to repair; 1 = write .new, 2 = move old to .bak, 3 = move .new in
        Assert.Throws<IOException>(() => store.Save(B("new")));
        flash.CrashAt = int.MaxValue;
        Assert.Equal("old", Encoding.UTF8.GetString(store.Load()!));
    }
}
