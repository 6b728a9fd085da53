using NesMep.Core.Platform;

namespace NesMep.Core.Tests.Support;

public sealed class RecordingTransceiver : ITransceiverControl
{
    private readonly VirtualClock _clock;

    public RecordingTransceiver(VirtualClock clock) => _clock = clock;

    public List<(long AtMs, bool On)> Switches { get; } = new();

    public bool Powered { get; private set; } = true;

    public void SetPowered(bool on)
    {
        Powered = on;
        Switches.Add((_clock.NowMs, on));
    }
}
