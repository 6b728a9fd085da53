// Facade of System.IO.Ports 1.1.125 (NuGet package nanoFramework.System.IO.Ports), System.IO.Ports.SerialDataReceivedEventHandler, SerialDataReceivedEventArgs and SerialData.
// Declarations only, written by us from the upstream nanoframework/System.IO.Ports sources; build-time use only, never shipped.
namespace System.IO.Ports
{
    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    public class SerialDataReceivedEventArgs : EventArgs
    {
        internal SerialDataReceivedEventArgs() => throw null;
        public SerialData EventType => throw null;
    }

    public enum SerialData
    {
        Chars = 1,
        WatchChar = 2,
    }
}
