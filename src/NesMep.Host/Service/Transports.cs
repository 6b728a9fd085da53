namespace NesMep.Host.Service;

internal static class Transports
{
    public static int[] TermiosSerialPortBauds() => NesMep.Host.Transports.TermiosSerialPort.SupportedBaudRates.ToArray();
}
