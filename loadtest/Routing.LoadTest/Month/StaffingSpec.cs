namespace Routing.LoadTest.Month;

/// <summary>How a pool's hourly roster is made.</summary>
internal abstract record StaffingSpec;

/// <summary>
/// Derived from the forecast: for every weekday and hour, the fewest agents whose Erlang C service level (answered within
/// <see cref="ThresholdSeconds"/> / all arrivals) meets <see cref="Target"/> at that hour's expected calls, with the pool's
/// mean handle time plus wrap-up; then × <see cref="Scale"/> (rounded up) + <see cref="ExtraAgents"/>, capped at
/// <see cref="MaxAgents"/>. Erlang C ignores abandonment, so it errs on the generous side.
/// </summary>
internal sealed record ErlangStaffingSpec(double Target, double ThresholdSeconds, double Scale, int ExtraAgents, int MaxAgents) : StaffingSpec;

/// <summary>An explicit roster: agents per hour of day (24 values) per weekday.</summary>
internal sealed record RosterStaffingSpec(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<int>> Hours) : StaffingSpec;
