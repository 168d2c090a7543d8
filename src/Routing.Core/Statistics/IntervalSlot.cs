using Routing.Core.Agents;

namespace Routing.Core.Statistics;

/// <summary>Everything counted in one interval: one bucket per queue and class, and agent time by role and state.</summary>
internal sealed class IntervalSlot
{
    public static readonly int RoleCount = SizeOf<AgentRole>();

    public static readonly int StatusCount = SizeOf<AgentStatus>();

    public Dictionary<CategoryKey, ServiceLevelBucket> Buckets { get; } = [];

    /// <summary>Ticks spent, indexed by <see cref="AgentTimeIndex"/>.</summary>
    public long[] AgentTicks { get; } = new long[RoleCount * StatusCount];

    /// <summary>Index of a role and state in <see cref="AgentTicks"/>; a role outside the enum counts as unspecified.</summary>
    public static int AgentTimeIndex(AgentRole role, AgentStatus status)
    {
        var r = (int)role >= 0 && (int)role < RoleCount ? (int)role : (int)AgentRole.Unspecified;
        return (r * StatusCount) + (int)status;
    }

    private static int SizeOf<T>()
        where T : struct, Enum
    {
        var max = 0;
        foreach (var value in Enum.GetValues<T>())
        {
            max = Math.Max(max, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return max + 1;
    }
}
