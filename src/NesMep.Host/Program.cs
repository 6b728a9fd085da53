namespace NesMep.Host;

public static class Program
{
    public static int Main(string[] args)
    {
        return Cli.NesMepCli.Run(args, Console.Out, Console.Error);
    }
}
