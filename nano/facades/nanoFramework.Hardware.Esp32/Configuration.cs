// Facade of nanoFramework.Hardware.Esp32 1.6.37 (NuGet package nanoFramework.Hardware.Esp32), nanoFramework.Hardware.Esp32.Configuration and DeviceFunction.
// Declarations only, written by us from the upstream nanoframework/nanoFramework.Hardware.Esp32 sources; build-time use only, never shipped.
// 1.6.37 is the version the nanoframework/Samples AzureSDK samples pair with CoreLibrary 1.17.11 (1.6.31 with 1.17.1 in
// nanoFramework.IoT.Device). Pins must be routed before the SerialPort is opened: the ESP32 native Open fails with
// "pin unavailable" when RX or TX of that UART has no pin. Only the UART functions are declared; the value of each
// function is the device type (serial = 3) << 16, plus the port number << 8, plus the signal.
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public Configuration() => throw null;
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;
        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }

    public enum DeviceFunction
    {
        COM1_TX = 0x30100,
        COM1_RX = 0x30101,
        COM1_RTS = 0x30102,
        COM1_CTS = 0x30103,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM2_RTS = 0x30202,
        COM2_CTS = 0x30203,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
        COM3_RTS = 0x30302,
        COM3_CTS = 0x30303,
    }
}
