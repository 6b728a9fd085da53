using System.Diagnostics;
using System.IO.Compression;
using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Guard;
using NesMep.Core.Tests.Support;
using Xunit;

namespace NesMep.Core.Tests.Lifecycle;

/// <summary>scripts/make-webui-update.sh builds what the device takes: today's webui/ folder, uploaded and started.</summary>
public class WebUiUpdateFileTests
{
    [Fact]
    public void The_script_packs_todays_web_UI_into_an_update_the_device_accepts_and_serves()
    {
        string root = NanoSubsetScanner.FindRepoRoot();
        string out_ = Path.Combine(Path.GetTempPath(), "nesmep-ui-" + Guid.NewGuid().ToString("N") + ".nmu");
        try
        {
            var psi = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "make-webui-update.sh"), "9.9.9", out_]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using (Process p = Process.Start(psi)!)
            {
                string err = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, err);
            }

            byte[] file = File.ReadAllBytes(out_);
            Assert.True(file.Length <= LifecycleLimits.MaxUploadBytes, "the UI no longer fits one update: " + file.Length + " bytes");
            var flash = new FlakyFlash();
            Assert.Null(TestDevice.Start(flash).Upload(file, 512));
            TestDevice d = TestDevice.Start(flash);
            string[] ui = Directory.GetFiles(Path.Combine(root, "webui")).Where(f => !f.EndsWith(".md")).ToArray();
            Assert.Equal(ui.Length, d.Updates.ActiveManifest!.Count);
            foreach (string path in ui)
            {
                byte[] gz = d.Served(Path.GetFileName(path)) ?? throw new Xunit.Sdk.XunitException("not in the update: " + path);
                using var unzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                unzip.CopyTo(plain);
                Assert.Equal(File.ReadAllBytes(path), plain.ToArray());
            }
        }
        finally
        {
            File.Delete(out_);
        }
    }
}
