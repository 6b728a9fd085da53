// Facade of System.Device.Gpio 1.1.57 (NuGet package nanoFramework.System.Device.Gpio), System.Device.Gpio.GpioController and PinNumberingScheme.
// Declarations only, written by us from the upstream nanoframework/System.Device.Gpio sources; build-time use only, never shipped.
// 1.1.57 is the version the nanoframework/Samples WiFiAP and WebServer samples pair with CoreLibrary 1.17.11.
namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public GpioController() => throw null;
        public GpioController(PinNumberingScheme numberingScheme) => throw null;

        public PinNumberingScheme NumberingScheme => throw null;
        public int PinCount => throw null;

        public GpioPin OpenPin(int pinNumber) => throw null;
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw null;
        public void ClosePin(int pinNumber) => throw null;
        public bool IsPinOpen(int pinNumber) => throw null;
        public bool IsPinModeSupported(int pinNumber, PinMode mode) => throw null;
        public PinMode GetPinMode(int pinNumber) => throw null;
        public void SetPinMode(int pinNumber, PinMode mode) => throw null;
        public PinValue Read(int pinNumber) => throw null;
        public void Write(int pinNumber, PinValue value) => throw null;
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) => throw null;
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => throw null;
        public void Dispose() => throw null;
    }

    public enum PinNumberingScheme
    {
        Logical,
        Board,
    }
}
