using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Routing.Core.Commands;
using Routing.Core.Triage;

namespace Routing.Benchmarks;

/// <summary>
/// What the engine cannot beat, at the same sizes: handing a command through a channel (as the runtime loop does)
/// and keeping an ordered line (a binary heap at <see cref="Size"/> elements, one in and one out).
/// </summary>
[Config(typeof(FloorJobConfig))]
[MemoryDiagnoser]
public class FloorBenchmarks
{
    private const int Ops = 1_000;

    private readonly RoutingCommand _command = new OfferCall("floor", Scenario.Scheduling);
    private Channel<RoutingCommand> _channel = null!;
    private PriorityQueue<RoutingCommand, long> _line = null!;
    private long _key;

    [Params(10, 1_000, 10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Fill()
    {
        // Like the runtime's command channel: bounded, one reader, many writers.
        _channel = Channel.CreateBounded<RoutingCommand>(new BoundedChannelOptions(Size + 1)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _line = new PriorityQueue<RoutingCommand, long>(Size + 1);
        for (var i = 0; i < Size; i++)
        {
            _channel.Writer.TryWrite(_command);
            _line.Enqueue(_command, _key++);
        }
    }

    /// <summary>One command written and one read, with <see cref="Size"/> already queued.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void ChannelWriteRead()
    {
        var writer = _channel.Writer;
        var reader = _channel.Reader;
        for (var i = 0; i < Ops; i++)
        {
            writer.TryWrite(_command);
            reader.TryRead(out _);
        }
    }

    /// <summary>One enqueue at the back and one dequeue of the head, <see cref="Size"/> in the heap.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void PriorityQueueEnqueueDequeue()
    {
        var line = _line;
        for (var i = 0; i < Ops; i++)
        {
            line.Enqueue(_command, _key++);
            line.Dequeue();
        }
    }
}

/// <summary>Triage alone, the first step of every offer: the benchmark input (no words) and one with words.</summary>
[Config(typeof(FloorJobConfig))]
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private static readonly TriageInput WithWords = new()
    {
        ReasonCode = "SYMPTOM",
        ScreenCompleted = true,
        CallerWords = "I have had a bad cough for three days and a mild fever, no trouble breathing",
    };

    private readonly TriageRuleSet _rules = Scenario.Rules;

    [Benchmark]
    public TriageDecision NoWords() => _rules.Evaluate(Scenario.Scheduling);

    [Benchmark]
    public TriageDecision CallerWords() => _rules.Evaluate(WithWords);
}
