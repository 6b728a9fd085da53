using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace NesMep.Host.Tests.Mqtt;

/// <summary>
/// The tests that talk to a real broker run one at a time (they start and stop processes and
/// measure reconnects), and never next to other collections.
/// </summary>
[CollectionDefinition("Mosquitto", DisableParallelization = true)]
public sealed class MosquittoCollection
{
}

/// <summary>
/// Debian's mosquitto on a free loopback port with a generated config in a temp folder. Without
/// persistence, so a restart loses every retained message (the harshest case for availability).
/// Dispose kills the process and deletes the folder.
/// </summary>
internal sealed class Mosquitto : IDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";
    private readonly string _config;
    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <param name="extra">More config lines (password_file, TLS, …) for the listener.</param>
    public Mosquitto(string extra = "", bool anonymous = true, TempDir? dir = null)
    {
        Assert.True(File.Exists(Binary), "mosquitto is not installed: apt-get install mosquitto (scripts/test.sh installs it)");
        Dir = dir ?? new TempDir();
        Port = FreePort();
        var conf = new StringBuilder();
        conf.AppendLine("persistence false");
        conf.AppendLine("log_dest stdout");
        conf.AppendLine("log_type error");
        conf.AppendLine("log_type warning");
        conf.AppendLine("log_type notice");
        if (Environment.UserName == "root")
        {
            // Otherwise mosquitto drops to user "mosquitto", which cannot read files in our 0700 temp folder.
            conf.AppendLine("user root");
        }

        conf.AppendLine("listener " + Port + " 127.0.0.1");
        conf.AppendLine("allow_anonymous " + (anonymous ? "true" : "false"));
        conf.AppendLine(extra);
        _config = Dir.Write("mosquitto.conf", conf.ToString());
        try
        {
            Start();
        }
        catch
        {
            // The constructor throws, so nobody will call Dispose: don't leave the process or our folder behind.
            Stop();
            if (dir == null)
            {
                Dir.Dispose();
            }

            throw;
        }
    }

    public TempDir Dir { get; }

    public int Port { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_config);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 10_000)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                Assert.Fail("mosquitto exited with " + _process.ExitCode + ":\n" + Log);
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        Assert.Fail("mosquitto did not listen on port " + Port + " within 10 s:\n" + Log);
    }

    /// <summary>Kills the broker (like a crash or a restart of the host): clients see the TCP connection drop.</summary>
    public void Stop()
    {
        if (_process == null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit(5000);
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        Dir.Dispose();
    }

    private void Append(string? line)
    {
        if (line != null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A private temp folder, deleted on Dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("nesmep-mqtt-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string file = File(name);
        System.IO.File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Runs a tool in the folder; fails the test with its output when it fails.</summary>
    public string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(20_000), tool + " did not finish");
        string output = stdout.Result + stderr.Result;
        Assert.True(p.ExitCode == 0, tool + " " + string.Join(' ', args) + " failed (" + p.ExitCode + "):\n" + output);
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
        }
    }
}
