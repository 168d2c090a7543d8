using Routing.GrpcBench;

// dotnet run -c Release --project benchmarks/Routing.GrpcBench -- [--seconds 10] [--warmup 3] [--concurrency 64]
//     [--streams 4] [--window 64] [--connections 1] [--diag-seconds N] [--no-diagnostics] [--json-out FILE]
// Hosts a bare echo gRPC service and the real Routing server in this process (Kestrel, loopback, h2c), drives both
// from clients in this process, and prints a table and a JSON summary. See docs/PERFORMANCE.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

return await Bench.RunAsync(options);
