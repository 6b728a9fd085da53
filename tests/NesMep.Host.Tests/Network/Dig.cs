using System.Diagnostics;
using Xunit;

namespace NesMep.Host.Tests.Network;

/// <summary>Debian's dig (bind9-dnsutils, installed by scripts/test.sh). Missing dig fails the test: it is never skipped.</summary>
internal static class Dig
{
    public const string Binary = "/usr/bin/dig";

    /// <summary>Runs dig @127.0.0.1 -p port with the arguments; returns its output (exit code 0 asserted).</summary>
    public static string Run(int port, params string[] args)
    {
        Assert.True(File.Exists(Binary), "dig is not installed: apt-get install bind9-dnsutils (scripts/test.sh installs it)");
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "@127.0.0.1", "-p", port.ToString(), "+time=3", "+tries=1" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(15000), "dig did not finish");
        Assert.True(p.ExitCode == 0, "dig exited with " + p.ExitCode + ":\n" + output);
        return output;
    }
}
