using System.Device.Gpio;
using System.Threading;
using NesMep.Core.Api;
using NesMep.Core.Module;
using NesMep.Core.Platform;
using NesMep.Core.Protocol;
using NesMep.Core.Web;

namespace NesMep.Firmware.Meter
{
    /// <summary>
    /// Opens the device's meter side for a <see cref="ModuleSettings"/>: the board's pins (core <see cref="BoardPins"/>:
    /// the chip's module unless the settings name a custom build), the transceiver powered up in the §2.4 order, the
    /// UART, and the core's link, poller and reading over them. Called at boot and, with new settings, on the meter
    /// thread outside the meter lock (the core's MeterModule.ApplySettings), so the power-up wait blocks no request.
    /// </summary>
    internal sealed class DeviceMeterSideFactory : IMeterSideFactory
    {
        private readonly int _chip;
        private readonly GpioController _gpio;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly AutoResetEvent _arrived;
        private readonly ModuleInfo _template;

        public DeviceMeterSideFactory(int chip, GpioController gpio, IClock clock, ILog log, AutoResetEvent arrived, ModuleInfo template)
        {
            _chip = chip;
            _gpio = gpio;
            _clock = clock;
            _log = log;
            _arrived = arrived;
            _template = template;
        }

        public MeterSide Open(object settings)
        {
            ModuleSettings s = (ModuleSettings)settings;
            string? note;
            BoardPins pins = BoardPins.Resolve(_chip, s, out note);
            if (note != null)
            {
                _log.Write(LogLevel.Warning, note);
            }

            MepKey key;
            if (s.MeterKey.Length == 0)
            {
                _log.Write(LogLevel.Warning, "meter: no meter key set; trying the guide's default key until one is entered");
                key = MepKey.DefaultMak();
            }
            else
            {
                key = MepKey.Parse(s.MeterKey);
            }

            SideResources resources = new SideResources();
            try
            {
                resources.Transceiver = new GpioTransceiver(_gpio, pins.EnablePin, pins.EnableActiveLow, pins.SupplyPin, s.Link.ResetSettleMs);
                resources.Uart = new UartTransport(pins.RxPin, pins.TxPin, s.Link.BaudRate, _arrived);
                resources.Transceiver.PowerUp(s.Link.ResetSettleMs);
                Drain(resources.Uart);
                ModuleInfo info = new ModuleInfo
                {
                    Name = _template.Name,
                    Maker = _template.Maker,
                    Version = _template.Version,
                    Platform = _template.Platform,
                    Hostname = s.Hostname,
                    Memory = _template.Memory,
                    Boot = _template.Boot,
                    Source = "UART RX GPIO" + pins.RxPin + " / TX GPIO" + pins.TxPin + " @" + s.Link.BaudRate + ", ENABLE GPIO" + pins.EnablePin +
                        (pins.SupplyPin >= 0 ? ", supply GPIO" + pins.SupplyPin : ""),
                };
                return new MeterSide(resources.Uart, resources.Transceiver, null, key, s, _clock, _log, info, resources);
            }
            catch
            {
                resources.Dispose();
                throw;
            }
        }

        /// <summary>What the meter sent while the line powered up is noise (§2.4: drain and discard).</summary>
        private static void Drain(UartTransport uart)
        {
            byte[] scratch = new byte[64];
            while (uart.Read(scratch, 0, scratch.Length) > 0)
            {
            }
        }
    }
}
