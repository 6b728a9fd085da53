// Facade of System.Device.Gpio 1.1.57 (NuGet package nanoFramework.System.Device.Gpio), System.Device.Gpio.GpioPin.
// Declarations only, written by us from the upstream nanoframework/System.Device.Gpio sources; build-time use only, never shipped.
namespace System.Device.Gpio
{
    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() => throw null;

        public int PinNumber => throw null;
        public TimeSpan DebounceTimeout { get => throw null; set => throw null; }

        public event PinValueChangedEventHandler ValueChanged { add => throw null; remove => throw null; }

        public PinMode GetPinMode() => throw null;
        public bool IsPinModeSupported(PinMode pinMode) => throw null;
        public void SetPinMode(PinMode value) => throw null;
        public PinValue Read() => throw null;
        public void Write(PinValue value) => throw null;
        public void Toggle() => throw null;
        public void Dispose() => throw null;
    }
}
