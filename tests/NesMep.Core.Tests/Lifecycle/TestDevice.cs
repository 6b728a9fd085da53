using NesMep.Core.Lifecycle;
using NesMep.Core.Tests.Support;

namespace NesMep.Core.Tests.Lifecycle;

/// <summary>
/// One run of the device between two starts, as a device adapter drives the core: a fresh
/// <see cref="DeviceLifecycle"/> on the same flash for every start, virtual time from 0.
/// </summary>
internal sealed class TestDevice
{
    public const string Root = "I:\\";

    public TestDevice(FlakyFlash flash)
    {
        Flash = flash;
        Life = new DeviceLifecycle(flash, Root, Clock, new Sha256());
    }

    public FlakyFlash Flash { get; }

    public VirtualClock Clock { get; } = new();

    public DeviceLifecycle Life { get; }

    public UpdateManager Updates => Life.Updates;

    /// <summary>A new start on the same flash (power back on, or the reboot the last run asked for).</summary>
    public static TestDevice Start(FlakyFlash flash, out BootRecord record)
    {
        var d = new TestDevice(flash);
        record = d.Life.Boot("");
        return d;
    }

    public static TestDevice Start(FlakyFlash flash) => Start(flash, out _);

    /// <summary>Streams the file through a receiver in chunks of <paramref name="chunk"/> bytes; null or the refusal.</summary>
    public string? Upload(byte[] file, int chunk = 100, long? contentLength = null)
    {
        UpdateReceiver r = Updates.BeginUpload() ?? throw new InvalidOperationException("busy");
        try
        {
            string? e = r.Begin(contentLength ?? file.Length);
            for (int i = 0; e == null && i < file.Length; i += chunk)
            {
                e = r.Write(file, i, Math.Min(chunk, file.Length - i));
            }

            e ??= r.Finish();
            if (e == null)
            {
                Life.UploadComplete(r.Manifest!.Version);
            }

            return e;
        }
        finally
        {
            Updates.EndUpload(r);
        }
    }

    /// <summary>The bytes the UI would serve for a file of an updated set; null when the built-in file is served.</summary>
    public byte[]? Served(string name)
    {
        if (!Updates.TryFind(name, out string pack, out int offset, out int length, out _, out _))
        {
            return null;
        }

        return Flash.ReadAll(pack).Skip(offset).Take(length).ToArray();
    }

    /// <summary>Whether every file of <paramref name="set"/> is served with exactly its content.</summary>
    public bool Serves((string Name, byte[] Content)[] set) => set.All(f => Served(f.Name) is { } b && b.SequenceEqual(f.Content));

    /// <summary>Confirms a trial as a healthy run does: meter read, UI served, minutes pass.</summary>
    public TrialDecision RunHealthy()
    {
        Updates.NoteMeterRead();
        Updates.NoteUiServed();
        Clock.Advance(LifecycleLimits.ConfirmAfterMs);
        Life.Tick();
        return Updates.State.OnTrial ? TrialDecision.None : TrialDecision.Confirmed;
    }
}
