// Facade of System.IO.Ports 1.1.125 (NuGet package nanoFramework.System.IO.Ports), System.IO.Ports.Parity, StopBits and Handshake.
// Declarations only, written by us from the upstream nanoframework/System.IO.Ports sources; build-time use only, never shipped.
namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public enum Handshake
    {
        None,
        XOnXOff,
        RequestToSend,
        RequestToSendXOnXOff,
    }
}
