using System;
using System.Device.Gpio;
using System.Threading;

namespace NesMep.Firmware.Network
{
    /// <summary>
    /// The button that brings the setup access point back (a long press; how long and what it does is the provisioning
    /// machine's decision): the chip's BOOT strapping pin, pulled up, LOW while pressed — GPIO0 on the ESP32 (on the
    /// Dabbler module the J7 jumper position: shorting it is a press), GPIO9 on the ESP32-C3 (ESP32 datasheets; whether
    /// the uStepper module brings it out is **unconfirmed**). Edges are debounced by the GPIO driver and reported on a
    /// GPIO event thread; the handler only records them and wakes the supervisor.
    /// </summary>
    internal sealed class SetupButton : IDisposable
    {
        public const int Esp32Pin = 0;
        public const int Esp32C3Pin = 9;

        /// <summary>Contact bounce ignored (the press that counts lasts seconds).</summary>
        private static readonly TimeSpan Debounce = new TimeSpan(0, 0, 0, 0, 50);

        private readonly GpioPin _pin;
        private readonly AutoResetEvent _wake;
        private int _downs;
        private int _ups;

        public SetupButton(GpioController gpio, int pin, AutoResetEvent wake)
        {
            _wake = wake;
            _pin = gpio.OpenPin(pin, PinMode.InputPullUp);
            _pin.DebounceTimeout = Debounce;
            _pin.ValueChanged += OnChanged;
        }

        /// <summary>True while the button is held (pin LOW).</summary>
        public bool Pressed
        {
            get { return _pin.Read() == PinValue.Low; }
        }

        /// <summary>Presses since the last call (for the supervisor thread, which reports them to the provisioning).</summary>
        public int TakeDowns()
        {
            return Interlocked.Exchange(ref _downs, 0);
        }

        /// <summary>Releases since the last call.</summary>
        public int TakeUps()
        {
            return Interlocked.Exchange(ref _ups, 0);
        }

        public void Dispose()
        {
            _pin.ValueChanged -= OnChanged;
            _pin.Dispose();
        }

        private void OnChanged(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType == PinEventTypes.Falling)
            {
                Interlocked.Increment(ref _downs);
            }
            else
            {
                Interlocked.Increment(ref _ups);
            }

            _wake.Set();
        }
    }
}
