namespace Routing.LoadTest.Stress;

/// <summary>
/// What one step measured. Counts cover requests whose intended send time fell in the measured window (warm-up
/// requests are sent but not counted). Latencies are of successful OfferCalls, from intended send time to reply, in
/// milliseconds; failures are counted by code instead.
/// </summary>
internal sealed record StepResult
{
    public required int Index { get; init; }

    public required double TargetRate { get; init; }

    public required double MeasuredSeconds { get; init; }

    /// <summary>Requests scheduled in the measured window.</summary>
    public required long Offered { get; init; }

    /// <summary>Successful replies.</summary>
    public required long Completed { get; init; }

    /// <summary>Successful replies per measured second.</summary>
    public double AchievedRate => MeasuredSeconds > 0 ? Completed / MeasuredSeconds : 0;

    public required LatencySummary Latency { get; init; }

    /// <summary>Failures by code: gRPC status names, NOT_SENT (in-flight cap never freed) and NO_REPLY (no answer before giving up).</summary>
    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>Failures / offered; RESOURCE_EXHAUSTED counts, since a refused call was not sustained.</summary>
    public double ErrorFraction => Offered > 0 ? (double)ErrorCount / Offered : 0;

    /// <summary>Routine calls the server's intake refused past its capacity (its designed overload answer, not a crash).</summary>
    public long ResourceExhausted => Errors.TryGetValue(ErrorCodes.ResourceExhausted, out var n) ? n : 0;

    /// <summary>Requests sent more than <see cref="StepRunner.LateTolerance"/> after their intended time, or held by --max-in-flight.</summary>
    public required long BehindSchedule { get; init; }

    /// <summary>Requests that found --max-in-flight requests outstanding and waited for one to finish.</summary>
    public required long HeldByInFlightCap { get; init; }

    /// <summary>Actual send time − intended send time: the client's own share of every latency.</summary>
    public required LatencySummary DispatchLag { get; init; }

    public required int MaxInFlight { get; init; }

    public CpuUse? Cpu { get; init; }

    /// <summary>Each second of the measured window, by intended send time.</summary>
    public IReadOnlyList<SecondFigures> PerSecond { get; init; } = [];

    /// <summary>The run was interrupted during this step; its figures cover only part of it.</summary>
    public bool Cancelled { get; init; }
}
