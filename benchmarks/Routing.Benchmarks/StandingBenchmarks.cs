using BenchmarkDotNet.Attributes;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Engine;

namespace Routing.Benchmarks;

/// <summary>
/// One round of position announcements, as the server's announcer makes it every minute: where every caller waiting
/// in a line of <see cref="Waiting"/> stands, asked in chunks of 512. <c>OneByOne</c>, the baseline, asks for each
/// caller alone: the per-query overhead on top of the positions. (Before the queues' order index, each position was a
/// walk of the calls behind the caller, and both cost the same quadratic round; PERFORMANCE.md has those figures.)
/// </summary>
[Config(typeof(FloorJobConfig))]
[MemoryDiagnoser]
public class StandingBenchmarks
{
    private const int Chunk = 512;

    private RoutingEngine _engine = null!;
    private string[][] _chunks = null!;
    private string[] _all = null!;

    [Params(1_000, 10_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Fill()
    {
        var (engine, clock) = Scenario.NewEngine();
        _all = new string[Waiting];
        for (var i = 0; i < Waiting; i++)
        {
            _all[i] = Scenario.CallId("waiting", i);
            Scenario.Offer(engine, clock, _all[i], Scenario.Scheduling, CallPlace.Queued);
        }

        _engine = engine;
        _chunks = _all.Chunk(Chunk).ToArray();
    }

    /// <summary>Every caller's standing, a chunk of 512 per query.</summary>
    [Benchmark]
    public int InChunks()
    {
        var answered = 0;
        foreach (var chunk in _chunks)
        {
            answered += ((StandingReply)_engine.Execute(new QueryStanding(chunk)).Reply!).Calls.Count;
        }

        return answered;
    }

    /// <summary>The same answers, one caller per query.</summary>
    [Benchmark(Baseline = true)]
    public int OneByOne()
    {
        var answered = 0;
        foreach (var id in _all)
        {
            answered += ((StandingReply)_engine.Execute(new QueryStanding([id])).Reply!).Calls.Count;
        }

        return answered;
    }
}
