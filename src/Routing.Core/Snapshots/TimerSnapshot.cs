namespace Routing.Core.Snapshots;

/// <summary>A pending timer: when, what kind (the engine's internal timer kind number), for which call or agent.</summary>
public sealed record TimerSnapshot(DateTimeOffset Due, int Kind, string TargetId, long Stamp, int Argument);
