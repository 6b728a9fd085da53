using System.Text;
using NesMep.Core.Storage;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Storage;

public class SafeFileStoreTests
{
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
