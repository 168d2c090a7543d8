namespace Routing.LoadTest.Cli;

/// <summary>Dispatches to a command. Bad arguments: a message naming the argument on stderr and exit code 2.</summary>
internal static class CommandLineApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadArguments = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0)
        {
            stderr.WriteLine("error: a command is required (simulate, staffing, month or stress)");
            stderr.WriteLine(Usage.Text);
            return BadArguments;
        }

        if (IsHelp(args[0]) || args.Any(IsHelp))
        {
            stdout.WriteLine(Usage.Text);
            return Success;
        }

        var rest = args.Skip(1).ToArray();
        try
        {
            return args[0] switch
            {
                SimulateCommand.Name => SimulateCommand.Run(rest, stdout, stderr),
                StaffingCommand.Name => StaffingCommand.Run(rest, stdout, stderr),
                MonthCommand.Name => MonthCommand.Run(rest, stdout, stderr),
                StressCommand.Name => StressCommand.Run(rest, stdout, stderr),
                _ => throw new UsageException($"unknown command '{args[0]}' (expected simulate, staffing, month or stress)"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("run with --help for usage");
            return BadArguments;
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }

    private static bool IsHelp(string arg) => arg is "--help" or "-h" or "help";
}
