using Routing.LoadTest.Cli;

namespace Routing.LoadTest;

internal static class Program
{
    public static int Main(string[] args) => CommandLineApp.Run(args, Console.Out, Console.Error);
}
