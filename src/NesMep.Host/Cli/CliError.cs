namespace NesMep.Host.Cli;

/// <summary>Bad input on the command line: reported as one line on stderr with exit code 2.</summary>
public sealed class CliError : Exception
{
    public CliError(string message)
        : base(message)
    {
    }
}
