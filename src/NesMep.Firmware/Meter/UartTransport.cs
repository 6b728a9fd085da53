using System;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NesMep.Core.Platform;

namespace NesMep.Firmware.Meter
{
    /// <summary>
    /// The MEP UART (9600 8N1, no flow control; reference mep-protocol.md §2.2) as the core's <see cref="IByteTransport"/>.
    /// Upstream facts it respects (nano/facades/nanoFramework.System.IO.Ports): the RX/TX pins are routed through the
    /// ESP32 pin matrix before the port is created (Open fails on a UART without pins); the receive buffer is sized
    /// before Open (the 256-byte default flushes, losing bytes, before a 478-byte reply is complete); Read waits for
    /// `count` bytes (ReadTimeout infinite by default), so only what BytesToRead reports is read. DataReceived wakes
    /// the meter loop, which otherwise sleeps until the module's next due time.
    /// </summary>
    internal sealed class UartTransport : IByteTransport, IDisposable
    {
        /// <summary>UART1 on both chips (COM1 is the debug console); any pins through the matrix.</summary>
        public const string PortName = "COM2";

        /// <summary>Receive ring buffer: the longest reply (a 478-byte table read) twice over.</summary>
        public const int ReceiveBufferBytes = 1024;

        /// <summary>A safety net only: Read never asks for more than is buffered, so it returns at once.</summary>
        private const int ReadTimeoutMs = 20;

        /// <summary>A request is at most a few dozen bytes (tens of ms at 9600 Bd); a stuck UART must not hang the loop.</summary>
        private const int WriteTimeoutMs = 1000;

        private readonly SerialPort _port;
        private readonly AutoResetEvent _arrived;

        public UartTransport(int rxPin, int txPin, int baud, AutoResetEvent arrived)
        {
            _arrived = arrived;
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            _port = new SerialPort(PortName, baud, Parity.None, 8, StopBits.One);
            try
            {
                _port.Handshake = Handshake.None;
                _port.ReadBufferSize = ReceiveBufferBytes;
                _port.ReadTimeout = ReadTimeoutMs;
                _port.WriteTimeout = WriteTimeoutMs;
                _port.ReceivedBytesThreshold = 1;
                _port.DataReceived += OnDataReceived;
                _port.Open();
            }
            catch
            {
                _port.Dispose();
                throw;
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, available < count ? available : count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        public void Dispose()
        {
            _port.DataReceived -= OnDataReceived;
            _port.Close();
            _port.Dispose();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _arrived.Set();
        }
    }
}
