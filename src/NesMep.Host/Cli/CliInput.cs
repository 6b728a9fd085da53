using NesMep.Core.Protocol;
using NesMep.Core.Tables;

namespace NesMep.Host.Cli;

/// <summary>Parsing of command-line values into core types, with errors that name the option.</summary>
internal static class CliInput
{
    public static byte[] HexBytes(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliError(option + ": no hex given");
        }

        byte[]? bytes = Hex.TryParse(text, out string? error);
        return bytes ?? throw new CliError(option + ": " + error);
    }

    public static MepKey Key(string? text)
    {
        MepKey? key = MepKey.TryParse(text, out string? error);
        return key ?? throw new CliError("--key: " + error);
    }

    public static int TableId(string? text)
    {
        int id = TableIds.Parse(text ?? "");
        if (id < 0)
        {
            throw new CliError("--id: unknown table '" + text + "': use a name like BT23, ET03, or a number like 0x0017");
        }

        return id;
    }

    public static Bt21Dimensions? Bt21(string? hex)
    {
        if (hex == null)
        {
            return null;
        }

        byte[] data = HexBytes(hex, "--bt21");
        var dims = new Bt21Dimensions();
        if (!dims.TryDecode(data, 0, data.Length, out string? error))
        {
            throw new CliError("--bt21: " + error);
        }

        return dims;
    }

    public static Bt27Selection? Bt27(string? hex, Bt21Dimensions? dims)
    {
        if (hex == null)
        {
            return null;
        }

        if (dims == null)
        {
            throw new CliError("--bt27 needs --bt21 (BT21 says how many present demands and values BT27 lists)");
        }

        byte[] data = HexBytes(hex, "--bt27");
        var selection = new Bt27Selection();
        if (!selection.TryDecode(data, 0, data.Length, dims, out string? error))
        {
            throw new CliError("--bt27: " + error);
        }

        return selection;
    }

    public static Bt22Selection? Bt22(string? hex, Bt21Dimensions? dims)
    {
        if (hex == null)
        {
            return null;
        }

        if (dims == null)
        {
            throw new CliError("--bt22 needs --bt21 (BT21 says how many summations BT22 lists)");
        }

        byte[] data = HexBytes(hex, "--bt22");
        var selection = new Bt22Selection();
        if (!selection.TryDecode(data, 0, data.Length, dims, out string? error))
        {
            throw new CliError("--bt22: " + error);
        }

        return selection;
    }
}
