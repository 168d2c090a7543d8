using System.Diagnostics;
using HdrHistogram;

namespace Routing.GrpcBench;

/// <summary>
/// A phase's timeline: load runs from construction to <see cref="End"/>; only completions in
/// [<see cref="Start"/>, <see cref="End"/>) count (the warm-up before it does not).
/// </summary>
internal sealed class MeasureWindow
{
    private readonly long[] _perSecond;

    public MeasureWindow(TimeSpan warmup, TimeSpan measure)
    {
        Start = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        End = Start + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        Seconds = measure.TotalSeconds;
        _perSecond = new long[(int)Math.Ceiling(measure.TotalSeconds)];
    }

    public long Start { get; }

    public long End { get; }

    public double Seconds { get; }

    public bool Over => Stopwatch.GetTimestamp() >= End;

    public bool Counts(long completedAt) => completedAt >= Start && completedAt < End;

    /// <summary>Completions per second of the measured window, to see a trend (e.g. a growing queue slowing things).</summary>
    public IReadOnlyList<long> PerSecond => _perSecond;

    public void Tick(long completedAt)
    {
        var second = (completedAt - Start) / Stopwatch.Frequency;
        if (second >= 0 && second < _perSecond.Length)
        {
            Interlocked.Increment(ref _perSecond[second]);
        }
    }

    public Task UntilEndAsync()
    {
        var left = End - Stopwatch.GetTimestamp();
        return left > 0 ? Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)) : Task.CompletedTask;
    }
}

/// <summary>One worker's (or stream's) count and latency histogram, in microseconds; merged at the end.</summary>
internal sealed class Recorder
{
    // 1 µs to 60 s at 3 significant digits.
    public LongHistogram Histogram { get; } = new(1, 60_000_000, 3);

    public long Count { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public void Record(MeasureWindow window, long startedAt, long completedAt)
    {
        if (!window.Counts(completedAt))
        {
            return;
        }

        Count++;
        window.Tick(completedAt);
        var micros = (completedAt - startedAt) * 1_000_000 / Stopwatch.Frequency;
        Histogram.RecordValue(Math.Clamp(micros, 1, Histogram.HighestTrackableValue));
    }

    public void Error(string message)
    {
        Errors++;
        FirstError ??= message;
    }

    /// <summary>A stream broken by the server: noted, not counted as a failed request (the stream is reopened).</summary>
    public void StreamBroke(string message)
    {
        StreamBreaks++;
        FirstStreamBreak ??= message;
    }

    public long StreamBreaks { get; private set; }

    public string? FirstStreamBreak { get; private set; }
}

/// <summary>One stretch of load: its window, its recorders, the CPU use while it ran, and anything worth noting.</summary>
internal sealed record Round(MeasureWindow Window, IReadOnlyList<Recorder> Recorders, CpuUse Cpu, IReadOnlyDictionary<string, string> Notes);

/// <summary>The figures of one phase (one round, or several alternating with another phase's).</summary>
internal sealed record PhaseResult(
    string Name,
    string Unit,
    int Rounds,
    double Seconds,
    long Count,
    double PerSecond,
    double P50Micros,
    double P90Micros,
    double P99Micros,
    double MaxMicros,
    long Errors,
    string? FirstError,
    CpuUse Cpu,
    IReadOnlyList<long> Timeline,
    IReadOnlyDictionary<string, string> Notes)
{
    public static PhaseResult From(string name, string unit, IReadOnlyList<Round> rounds, IReadOnlyDictionary<string, string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var all = new LongHistogram(1, 60_000_000, 3);
        long count = 0, errors = 0, broken = 0;
        string? firstError = null, firstBreak = null;
        foreach (var r in rounds.SelectMany(r => r.Recorders))
        {
            all.Add(r.Histogram);
            count += r.Count;
            errors += r.Errors;
            firstError ??= r.FirstError;
            broken += r.StreamBreaks;
            firstBreak ??= r.FirstStreamBreak;
        }

        // Notes of the last round (cumulative figures), counts summed over rounds, then the caller's.
        var allNotes = new Dictionary<string, string>(rounds.Count > 0 ? rounds[^1].Notes : new Dictionary<string, string>());
        foreach (var key in new[] { "other_server_messages", "streams_reopened_after_server_closed_them" })
        {
            if (allNotes.ContainsKey(key))
            {
                allNotes[key] = rounds.Sum(r => r.Notes.TryGetValue(key, out var v) ? long.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 0)
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        foreach (var (key, value) in notes ?? new Dictionary<string, string>())
        {
            allNotes[key] = value;
        }

        if (broken > 0)
        {
            allNotes["streams_broken"] = broken.ToString(System.Globalization.CultureInfo.InvariantCulture);
            allNotes["first_stream_break"] = firstBreak!;
        }

        var seconds = rounds.Sum(r => r.Window.Seconds);
        double At(double percentile) => count == 0 ? 0 : all.GetValueAtPercentile(percentile);
        return new PhaseResult(
            name,
            unit,
            rounds.Count,
            seconds,
            count,
            seconds > 0 ? count / seconds : 0,
            At(50),
            At(90),
            At(99),
            count == 0 ? 0 : all.GetMaxValue(),
            errors,
            firstError,
            CpuUse.Mean([.. rounds.Select(r => r.Cpu)]),
            [.. rounds.SelectMany(r => r.Window.PerSecond)],
            allNotes);
    }
}
