// Facade of System.Device.Gpio 1.1.57 (NuGet package nanoFramework.System.Device.Gpio), System.Device.Gpio.PinMode, PinValue, PinEventTypes, PinValueChangedEventArgs and the two change delegates.
// Declarations only, written by us from the upstream nanoframework/System.Device.Gpio sources; build-time use only, never shipped.
// Two delegate types exist: GpioPin.ValueChanged uses PinValueChangedEventHandler, the controller's callback
// registration uses PinChangeEventHandler. PinValueChangedEventArgs does not derive from EventArgs upstream.
namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        public static PinValue High => throw null;
        public static PinValue Low => throw null;
        public static implicit operator PinValue(int value) => throw null;
        public static implicit operator PinValue(bool value) => throw null;
        public static explicit operator byte(PinValue value) => throw null;
        public static explicit operator int(PinValue value) => throw null;
        public static explicit operator bool(PinValue value) => throw null;
        public static bool operator ==(PinValue a, PinValue b) => throw null;
        public static bool operator !=(PinValue a, PinValue b) => throw null;
        public bool Equals(PinValue other) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public class PinValueChangedEventArgs
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) => throw null;
        public PinEventTypes ChangeType => throw null;
        public int PinNumber => throw null;
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);
}
