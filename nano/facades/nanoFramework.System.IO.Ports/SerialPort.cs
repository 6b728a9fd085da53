// Facade of System.IO.Ports 1.1.125 (NuGet package nanoFramework.System.IO.Ports), System.IO.Ports.SerialPort.
// Declarations only, written by us from the upstream nanoframework/System.IO.Ports sources; build-time use only, never shipped.
// Version chain: 1.1.125 depends on CoreLibrary 1.17.1, Runtime.Events 1.11.30, System.IO.Streams 1.1.89 and
// System.Text 1.3.29 (devices/Mhz19b/packages.config of nanoframework/nanoFramework.IoT.Device).
// Behaviour the firmware must respect (nf-interpreter targets/ESP32/_nanoCLR/System.IO.Ports): Read waits until `count`
// bytes are buffered or ReadTimeout (default infinite) expires; BytesToRead is what the receive ring buffer holds;
// a full receive buffer is flushed (bytes lost). Port names are COM1..COM3 for UART0..UART2; COM1 is the debug port.
// Only the members the firmware uses are declared; BaseStream, Encoding, ReadLine/WriteLine and friends are left out.
namespace System.IO.Ports
{
    public sealed class SerialPort : IDisposable
    {
        public const int InfiniteTimeout = -1;

        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) => throw null;

        public string PortName => throw null;
        public int BaudRate { get => throw null; set => throw null; }
        public Parity Parity { get => throw null; set => throw null; }
        public int DataBits { get => throw null; set => throw null; }
        public StopBits StopBits { get => throw null; set => throw null; }
        public Handshake Handshake { get => throw null; set => throw null; }
        public int ReadTimeout { get => throw null; set => throw null; }
        public int WriteTimeout { get => throw null; set => throw null; }
        public int ReceivedBytesThreshold { get => throw null; set => throw null; }

        // Receive buffer size in bytes; takes effect when the port is opened, so set it before Open().
        public int ReadBufferSize { get => throw null; set => throw null; }

        public int BytesToRead => throw null;
        public bool IsOpen => throw null;

        public event SerialDataReceivedEventHandler DataReceived { add => throw null; remove => throw null; }

        public static string[] GetPortNames() => throw null;
        public void Open() => throw null;
        public void Close() => throw null;
        public int Read(byte[] buffer, int offset, int count) => throw null;
        public int ReadByte() => throw null;
        public void Write(byte[] buffer, int offset, int count) => throw null;
        public void Dispose() => throw null;
    }
}
