using Routing.Core.Agents;

namespace Routing.Core.Statistics;

/// <summary>
/// Agent time in one interval (or a range), by state, for one role or all. Time still running in the current state
/// is counted up to the last event the collector saw.
/// </summary>
/// <param name="IntervalStart">Start of the first interval covered (inclusive, UTC).</param>
/// <param name="IntervalEnd">End of the last interval covered (exclusive, UTC).</param>
/// <param name="Role">The role; null when merged over every role.</param>
/// <param name="Available">Ready and idle.</param>
/// <param name="Reserved">An offer ringing.</param>
/// <param name="OnCall">Talking to a caller.</param>
/// <param name="WrapUp">After-call work.</param>
/// <param name="NotReady">Logged in but not ready (pauses included).</param>
public sealed record OccupancyDatapoint(
    DateTimeOffset IntervalStart,
    DateTimeOffset IntervalEnd,
    AgentRole? Role,
    TimeSpan Available,
    TimeSpan Reserved,
    TimeSpan OnCall,
    TimeSpan WrapUp,
    TimeSpan NotReady)
{
    /// <summary>All logged-in time.</summary>
    public TimeSpan LoggedIn => Available + Reserved + OnCall + WrapUp + NotReady;

    /// <summary>(on call + wrap-up) / (logged in - not ready); null when nobody was logged in and ready.</summary>
    public double? Occupancy
    {
        get
        {
            var staffed = Available + Reserved + OnCall + WrapUp;
            return staffed > TimeSpan.Zero ? (double)(OnCall + WrapUp).Ticks / staffed.Ticks : null;
        }
    }
}
