using System;
using System.Device.Gpio;
using System.Threading;
using NesMep.Core.Lifecycle;
using NesMep.Core.Platform;
using NesMep.Firmware.Network;
using NesMep.Firmware.Storage;

namespace NesMep.Firmware.Lifecycle
{
    /// <summary>
    /// The device side of the core's <see cref="DeviceLifecycle"/> (docs/firmware.md, "Updates, rollback and
    /// recovery"): boots it first thing, ticks it from the supervisor, feeds the boot button to the core's
    /// <see cref="FactoryResetButton"/> until it decides, and drives the status LED from <see cref="StatusLed"/>. Every
    /// decision is the core's; this class supplies facts and performs what it is told.
    /// </summary>
    internal sealed class LifecycleDriver
    {
        /// <summary>Watchdog limits (docs/firmware.md, "Software watchdog"): the meter loop waits at most 60 s per turn.</summary>
        public const long MeterLimitMs = 120000;

        /// <summary>The web worker is idle in its accept; one request may take a 3 s body read and a 3 s write, plus a PBKDF2 check.</summary>
        public const long WebLimitMs = 120000;

        /// <summary>The MQTT thread waits at most 60 s per turn and a TLS connect then blocks up to 30 s: 90 s would be too tight.</summary>
        public const long MqttLimitMs = 120000;

        private readonly FlashFileSystem _fs;
        private readonly ILog _log;
        private readonly IClock _clock;
        private readonly FactoryResetButton _reset;
        private GpioPin? _led;
        private bool _ledOn;
        private Timer? _buttonTimer;
        private SetupButton? _button;
        private string[] _resetPaths = new string[0];

        public LifecycleDriver(FlashFileSystem fs, IClock clock, ILog log)
        {
            _fs = fs;
            _clock = clock;
            _log = log;
            Life = new DeviceLifecycle(fs, FlashLayout.LifecycleRoot, clock, new Sha256());
            _reset = new FactoryResetButton(clock.NowMs);
        }

        public DeviceLifecycle Life { get; private set; }

        /// <summary>Whether the button's presses belong to the provisioning (the factory reset has decided).</summary>
        public bool ButtonReleased
        {
            get { return _reset.Decision != ButtonDecision.Undecided; }
        }

        /// <summary>First thing after power-up: the boot record and the update sets' repair, switch or rollback.</summary>
        public void Boot()
        {
            // nanoFramework 1.x offers no reset cause to managed code, so a start nobody asked for is plain power_on.
            BootRecord record = Life.Boot("");
            _log.Write(record.Reason == BootReason.PowerOn ? LogLevel.Info : LogLevel.Warning,
                "boot: " + BootReason.Name(record.Reason) + (record.Detail.Length > 0 ? " (" + record.Detail + ")" : ""));
            if (Life.Updates.BootProblem != null)
            {
                _log.Write(LogLevel.Warning, "update: " + Life.Updates.BootProblem);
            }
        }

        /// <summary>How often the button is sampled while the factory reset owns it.</summary>
        public const int ButtonSampleMs = 50;

        /// <summary>
        /// Samples the boot button on a timer of its own while the factory reset owns it (the first 10 s after
        /// power-up), so a slow start (a Wi-Fi join, the PBKDF2 calibration) cannot let the window pass unseen. On a
        /// reset <paramref name="settingsPaths"/> (settings, CA certificate, provisioning record) go, and
        /// <see cref="Tick"/> then asks for the reboot. Without a button the decision is Normal once the window ends.
        /// </summary>
        public void WatchButton(SetupButton? button, string[] settingsPaths)
        {
            _button = button;
            _resetPaths = settingsPaths;
            _buttonTimer = new Timer(SampleButton, null, 0, ButtonSampleMs);
        }

        private void SampleButton(object? state)
        {
            if (ButtonReleased)
            {
                Timer? t = _buttonTimer;
                if (t != null)
                {
                    t.Change(Timeout.Infinite, Timeout.Infinite);
                }

                return;
            }

            SetupButton? button = _button;
            bool pressed = button != null && button.Pressed;
            ButtonDecision d = _reset.Sample(pressed, _clock.NowMs);
            if (button != null)
            {
                // Edges seen while the factory reset owned the button are not the provisioning's long press.
                button.TakeDowns();
                button.TakeUps();
            }

            if (d == ButtonDecision.FactoryReset)
            {
                int deleted = FactoryReset.Run(_fs, _resetPaths, Life);
                _log.Write(LogLevel.Warning, "factory reset: " + deleted + " settings files cleared; rebooting into the setup access point");
            }
            else if (d == ButtonDecision.Stuck)
            {
                _log.Write(LogLevel.Warning, "boot button held for over " + (LifecycleLimits.FactoryResetStuckMs / 1000) + " s: taken as stuck, no factory reset");
            }
        }

        /// <summary>Every second or so: the watchdog, the update trial, a reboot that is due. True: reboot now.</summary>
        public bool Tick()
        {
            LifecycleAction action = Life.Tick();
            if (Life.Message != null)
            {
                _log.Write(LogLevel.Warning, Life.Message);
            }

            return action == LifecycleAction.Reboot;
        }

        /// <summary>Whether a status LED is driven (the supervisor skips gathering its facts otherwise).</summary>
        public bool HasLed
        {
            get { return _led != null; }
        }

        /// <summary>
        /// Opens the status LED pin, setting board.led_pin: none by default, as neither the Dabbler nor the uStepper
        /// module documents an LED (hardware/README.md); a DIY build sets it (GPIO2 is the LED of many ESP32 dev boards).
        /// </summary>
        public void StartLed(GpioController gpio, int pin)
        {
            if (pin < 0)
            {
                return;
            }

            try
            {
                _led = gpio.OpenPin(pin, PinMode.Output);
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Warning, "status LED: not available: " + e.Message);
            }
        }

        /// <summary>Sets the LED for the current state (called every supervisor turn, at most 100 ms apart).</summary>
        public void ShowLed(bool accessPoint, bool wifiConnected, bool meterUp, bool mqttEnabled, bool mqttConnected)
        {
            if (_led == null)
            {
                return;
            }

            int code = StatusLed.Code(_reset.Armed, accessPoint, wifiConnected, meterUp, mqttEnabled, mqttConnected);
            bool on = StatusLed.IsOn(code, _clock.NowMs);
            if (on != _ledOn)
            {
                _ledOn = on;
                _led.Write(on ? PinValue.High : PinValue.Low);
            }
        }
    }
}
