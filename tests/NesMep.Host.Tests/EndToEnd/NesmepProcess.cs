using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace NesMep.Host.Tests.EndToEnd;

/// <summary>
/// The real nesmep executable (nesmep.dll, copied next to the test assembly through the project
/// reference) run with `dotnet nesmep.dll …`, its stdout and stderr collected line by line.
/// </summary>
internal sealed class NesmepProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _stdoutLines = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _configHome = Path.Combine(Path.GetTempPath(), "nesmep-e2e-config-" + Guid.NewGuid().ToString("N"));

    private NesmepProcess(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "nesmep.dll");
        Assert.True(File.Exists(dll), "nesmep.dll not found next to the tests: " + dll);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The tests decide the key; an inherited NESMEP_KEY would change what `run` does.
        psi.Environment.Remove("NESMEP_KEY");
        psi.Environment.Remove("NESMEP_OPTICAL_KEY");
        // Likewise the settings a developer saved in ~/.config/nesmep: `run` reads them at start.
        psi.Environment["XDG_CONFIG_HOME"] = _configHome;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null)
            {
                _stdoutLines.CompleteAdding();
                _stdoutClosed.TrySetResult();
                return;
            }

            _stdout.Enqueue(e.Data);
            _stdoutLines.Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null)
            {
                _stderrClosed.TrySetResult();
                return;
            }

            _stderr.Enqueue(e.Data);
        };
        Assert.True(_process.Start());
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>The process's XDG_CONFIG_HOME (its default state directory is <c>nesmep/</c> below it).</summary>
    public string ConfigHome => _configHome;

    public string Stdout => string.Join("\n", _stdout);

    public string[] StderrLines => _stderr.ToArray();

    public static NesmepProcess Start(params string[] args) => new(args);

    /// <summary>Runs to the end (deadline) and returns exit code, stdout and the stderr lines.</summary>
    public static async Task<(int Code, string Out, string[] Err)> RunToEndAsync(int deadlineMs, params string[] args)
    {
        using NesmepProcess p = Start(args);
        int code = await p.WaitForExitAsync(deadlineMs);
        return (code, p.Stdout, p.StderrLines);
    }

    /// <summary>Reads stdout until a line matches (deadline), returning the match.</summary>
    public Match WaitForLine(Regex pattern, int deadlineMs)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < deadlineMs)
        {
            if (_stdoutLines.TryTake(out string? line, 100))
            {
                Match m = pattern.Match(line);
                if (m.Success)
                {
                    return m;
                }
            }
            else if (_stdoutLines.IsCompleted)
            {
                break;
            }
        }

        Assert.Fail($"no stdout line matching {pattern} within {deadlineMs} ms (exited: {_process.HasExited})\nstdout:\n{Stdout}\nstderr:\n{string.Join("\n", _stderr)}");
        return Match.Empty;
    }

    /// <summary>Sends a signal with kill(1), e.g. "INT" or "TERM".</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", new[] { "-" + name, Pid.ToString() }) { UseShellExecute = false })!;
        kill.WaitForExit(5000);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>
    /// True when the process inherited SIGINT as ignored (a shell starts background jobs that way);
    /// then no handler can see Ctrl-C and SIGTERM is the only polite stop.
    /// </summary>
    public bool SigIntIgnored()
    {
        foreach (string line in File.ReadAllLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                ulong mask = Convert.ToUInt64(line.Substring(7).Trim(), 16);
                return (mask & (1UL << (2 - 1))) != 0;
            }
        }

        return false;
    }

    /// <summary>Waits for the exit and for both streams to be drained; -1000 when the deadline passed.</summary>
    public async Task<int> WaitForExitAsync(int deadlineMs)
    {
        using var cts = new CancellationTokenSource(deadlineMs);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return -1000;
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _stdoutLines.Dispose();
        if (Directory.Exists(_configHome))
        {
            Directory.Delete(_configHome, recursive: true);
        }
    }
}
