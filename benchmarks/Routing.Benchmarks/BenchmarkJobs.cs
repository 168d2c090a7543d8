using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Routing.Benchmarks;

/// <summary>
/// One short job for the whole suite, so `--filter '*'` finishes in a few minutes on a 2-core machine:
/// one launch, 3 warm-up and 15 measured iterations. The engine benchmarks rebuild the routing domain before every
/// iteration (a domain keeps every call it ever saw, so it cannot run millions of operations and stay the same
/// size), which needs a fixed invocation count: 64 invocations x 1,000 operations = 64,000 operations an iteration.
/// </summary>
public sealed class EngineJobConfig : ManualConfig
{
    public const int OperationsPerInvoke = 1_000;
    public const int InvocationsPerIteration = 64;

    public EngineJobConfig()
    {
        AddJob(Job.Default
            .WithId("Engine")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithInvocationCount(InvocationsPerIteration)
            .WithUnrollFactor(1));

        // The machine is shared: the median and the minimum say more than the mean when something else runs.
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    }
}

/// <summary>The floors: plain steady-state micro-benchmarks, same iteration counts, invocation count by the pilot.</summary>
public sealed class FloorJobConfig : ManualConfig
{
    public FloorJobConfig()
    {
        AddJob(Job.Default
            .WithId("Floor")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    }
}
