using System;

namespace NesMep.Firmware.Meter
{
    /// <summary>What the factory opened for one meter side (UART, GPIO pins); the core's MeterSide.Close disposes it.</summary>
    internal sealed class SideResources : IDisposable
    {
        public UartTransport? Uart;
        public GpioTransceiver? Transceiver;

        public void Dispose()
        {
            // The UART first: a transceiver switched off mid-byte only garbles what nobody reads any more.
            if (Uart != null)
            {
                Uart.Dispose();
                Uart = null;
            }

            if (Transceiver != null)
            {
                Transceiver.Dispose();
                Transceiver = null;
            }
        }
    }
}
