namespace NesMep.Host.Cli;

/// <summary>Entry point of the nesmep command line (placeholder until the commands land).</summary>
public static class NesMepCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("nesmep: no command implemented yet");
        return 2;
    }
}
