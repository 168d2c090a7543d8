using System.Globalization;
using BenchmarkDotNet.Running;
using Routing.Benchmarks;

// dotnet run -c Release --project benchmarks/Routing.Benchmarks -- --filter '*'      (the whole suite)
// dotnet run -c Release --project benchmarks/Routing.Benchmarks -- soak [lifecycles] (long run on one domain)
if (args.Length > 0 && args[0] == "soak")
{
    var lifecycles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000_000;
    var waiting = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
    var agents = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
    Soak.Run(lifecycles, waiting, agents);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
