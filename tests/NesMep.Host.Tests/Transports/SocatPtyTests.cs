using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using NesMep.Host.Transports;
using Xunit;
using Xunit.Abstractions;

namespace NesMep.Host.Tests.Transports;

/// <summary>
/// Two ptys linked by socat, a termios device on each end: the same setup as a simulator or
/// capture tool run through socat. Silently passes when socat is missing unless NESMEP_REQUIRE_SOCAT=1.
/// </summary>
public class SocatPtyTests
{
    private const string Socat = "/usr/bin/socat";
    private readonly ITestOutputHelper _output;

    public SocatPtyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void BytesPassThroughSocatLinkedPtys()
    {
        if (!File.Exists(Socat))
        {
            Assert.True(
                Environment.GetEnvironmentVariable("NESMEP_REQUIRE_SOCAT") != "1",
                $"NESMEP_REQUIRE_SOCAT=1 but {Socat} is not installed");
            _output.WriteLine($"SKIPPED: {Socat} not installed (set NESMEP_REQUIRE_SOCAT=1 to make this a failure)");
            return;
        }

        var start = new ProcessStartInfo(Socat) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var socat = Process.Start(start)!;
        try
        {
            string[] paths = ReadPtyPaths(socat);
            using var left = new TermiosSerialPort(paths[0], 9600);
            using var right = new TermiosSerialPort(paths[1], 9600);

            TransportAssert.SendAndExpect(left, right, TransportAssert.AllByteValues());
            TransportAssert.SendAndExpect(right, left, TransportAssert.Burst(500, seed: 4));
        }
        finally
        {
            if (!socat.HasExited)
            {
                socat.Kill();
            }

            socat.WaitForExit(TransportAssert.TimeoutMs);
        }
    }

    // socat -d -d logs "... N PTY is /dev/pts/7" per side, then "... starting data transfer loop".
    private static string[] ReadPtyPaths(Process socat)
    {
        var lines = new BlockingCollection<string>();
        socat.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lines.Add(e.Data);
            }
        };
        socat.BeginErrorReadLine();

        var paths = new List<string>();
        var log = new List<string>();
        long deadline = Environment.TickCount64 + TransportAssert.TimeoutMs;
        while (true)
        {
            int left = (int)Math.Max(0, deadline - Environment.TickCount64);
            Assert.True(lines.TryTake(out string? line, left), "socat did not start: " + string.Join(" | ", log));
            log.Add(line!);
            Match m = Regex.Match(line!, @"PTY is (\S+)");
            if (m.Success)
            {
                paths.Add(m.Groups[1].Value);
            }

            if (line!.Contains("starting data transfer loop") && paths.Count == 2)
            {
                return paths.ToArray();
            }
        }
    }
}
