using System.CommandLine;

namespace NesMep.Host.Cli;

/// <summary>
/// The nesmep command line. Any bad input (unknown option, missing value, bad hex, bad key) prints
/// one line on stderr and exits with code 2; the key never appears in output or errors.
/// </summary>
public static class NesMepCli
{
    public const int ExitOk = 0;
    public const int ExitBadInput = 2;
    public const int ExitStartFailed = 3;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // No command, or options only: run the module (the README's main command).
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h" or "-?" or "--version")))
        {
            args = ["run", .. args];
        }

        RootCommand root = Build(stdout, stderr);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // The parser quotes arguments it did not expect; a URL among them may carry a password.
            stderr.WriteLine("nesmep: " + NesMep.Host.Mqtt.UrlRedaction.RedactText(parsed.Errors[0].Message) + " (see nesmep --help)");
            return ExitBadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliError e)
        {
            stderr.WriteLine("nesmep: " + e.Message);
            return ExitBadInput;
        }
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("NesMep: reads Echelon/NES meters through their MEP port")
        {
            ProtocolCommands.Digest(stdout),
            ProtocolCommands.Frame(stdout),
            ProtocolCommands.Table(stdout),
            RunCommand.Create(stdout, stderr),
            SimulateCommand.Create(stdout, stderr),
        };
        return root;
    }
}
