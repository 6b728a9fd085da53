using System;
using System.Device.Gpio;
using System.Threading;
using NesMep.Core.Platform;

namespace NesMep.Firmware.Meter
{
    /// <summary>
    /// The MEP line driver's power as the core's <see cref="ITransceiverControl"/>: the MAX3232 supply pin (Dabbler:
    /// GPIO32, HIGH = on) and the MEP ENABLE line (both modules: GPIO5, LOW = enabled, through an inverting RS-232
    /// driver), in the order of reference mep-protocol.md §2.4: off = ENABLE released and supply off together; on =
    /// supply first, ENABLE after a pause. The core decides when and how long (link.reset_off_ms / reset_settle_ms);
    /// this adapter never sleeps when the core switches it (the core calls it under the meter lock, which web requests
    /// for meter data also take): ENABLE follows the supply by a one-shot timer, half the core's settle time later.
    /// Only at power-up (the meter side being built, outside the lock) does it wait, for the §2.4 boot sequence.
    /// </summary>
    internal sealed class GpioTransceiver : ITransceiverControl, IDisposable
    {
        private readonly GpioPin _enable;
        private readonly GpioPin? _supply;
        private readonly PinValue _enableOn;
        private readonly PinValue _enableOff;
        private readonly int _enableDelayMs;
        private readonly Timer _enableTimer;
        private readonly object _sync = new object();
        private bool _on;

        /// <param name="settleMs">The core's link.reset_settle_ms: supply to ENABLE takes half of it, ENABLE to the resend the rest.</param>
        public GpioTransceiver(GpioController gpio, int enablePin, bool enableActiveLow, int supplyPin, int settleMs)
        {
            _enableOn = enableActiveLow ? PinValue.Low : PinValue.High;
            _enableOff = enableActiveLow ? PinValue.High : PinValue.Low;
            _enableDelayMs = settleMs / 2;
            _enable = gpio.OpenPin(enablePin, PinMode.Output);
            _enable.Write(_enableOff);
            if (supplyPin >= 0)
            {
                _supply = gpio.OpenPin(supplyPin, PinMode.Output);
                _supply.Write(PinValue.Low);
            }

            _enableTimer = new Timer(AssertEnable, null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>
        /// The §2.4 boot sequence, blocking (called while the meter side is built, never under the meter lock): supply on,
        /// wait, ENABLE on, wait. The caller drains the UART afterwards.
        /// </summary>
        public void PowerUp(int waitMs)
        {
            lock (_sync)
            {
                _on = true;
                if (_supply != null)
                {
                    _supply.Write(PinValue.High);
                    Thread.Sleep(waitMs);
                }

                _enable.Write(_enableOn);
            }

            Thread.Sleep(waitMs);
        }

        public void SetPowered(bool on)
        {
            lock (_sync)
            {
                _on = on;
                if (!on)
                {
                    _enableTimer.Change(Timeout.Infinite, Timeout.Infinite);
                    _enable.Write(_enableOff);
                    if (_supply != null)
                    {
                        _supply.Write(PinValue.Low);
                    }

                    return;
                }

                if (_supply == null)
                {
                    _enable.Write(_enableOn); // uStepper: ENABLE is all there is to switch
                    return;
                }

                _supply.Write(PinValue.High);
                _enableTimer.Change(_enableDelayMs, Timeout.Infinite);
            }
        }

        public void Dispose()
        {
            lock (_sync)
            {
                _on = false;
                _enableTimer.Dispose();
                _enable.Write(_enableOff);
                _enable.Dispose();
                if (_supply != null)
                {
                    _supply.Write(PinValue.Low);
                    _supply.Dispose();
                }
            }
        }

        private void AssertEnable(object? state)
        {
            lock (_sync)
            {
                if (_on)
                {
                    _enable.Write(_enableOn); // a SetPowered(false) in between cancelled this
                }
            }
        }
    }
}
