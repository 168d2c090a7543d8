using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Engine;
using Routing.Core.Urgencies;

namespace Routing.Durability.Tests.Simulation;

/// <summary>What one call looked like in a snapshot.</summary>
internal sealed record CallView(string Id, DateTimeOffset ArrivedAt, long ArrivalOrder, Urgency Urgency, string QueueId, CallPlace Place, string? AgentId);

/// <summary>What one agent looked like in a snapshot.</summary>
internal sealed record AgentView(string Id, AgentStatus Status, string? CallId);

/// <summary>
/// An immutable copy of a <see cref="RoutingState"/>: its canonical description (<see cref="RoutingState.Describe"/>),
/// the calls, the agents, and each queue's waiting order as the state's own index holds it. Taken on the domain loop
/// (inside the journal's append), so it is consistent; read from any thread afterwards.
/// </summary>
internal sealed class StateSnapshot
{
    private StateSnapshot(RoutingState state, bool full)
    {
        LastSequence = state.LastSequence;
        Text = full ? state.Describe() : string.Empty;
        Calls = state.Calls.ToDictionary(
            c => c.Id,
            c => new CallView(c.Id, c.ArrivedAt, c.ArrivalOrder, c.Urgency, c.QueueId, c.Place, c.AgentId),
            StringComparer.Ordinal);
        Agents = state.Agents.ToDictionary(a => a.Id, a => new AgentView(a.Id, a.Status, a.CallId), StringComparer.Ordinal);
        Waiting = ParseWaiting(Text);
        LiveCallIds = Calls.Values.Where(c => c.Place != CallPlace.Ended).Select(c => c.Id).Order(StringComparer.Ordinal).ToArray();
    }

    public long LastSequence { get; }

    /// <summary>The canonical description: two states are equal exactly when their texts are.</summary>
    public string Text { get; }

    public IReadOnlyDictionary<string, CallView> Calls { get; }

    public IReadOnlyDictionary<string, AgentView> Agents { get; }

    /// <summary>Queue id to the ids of its waiting calls, head first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Waiting { get; }

    /// <summary>Calls not ended, in ordinal id order (a deterministic list to pick targets from).</summary>
    public IReadOnlyList<string> LiveCallIds { get; }

    /// <param name="state">The state to copy.</param>
    /// <param name="full">
    /// False for what producers need only (calls and agents): <see cref="Text"/> is then empty and <see cref="Waiting"/>
    /// has no queue. A description is most of a snapshot's cost.
    /// </param>
    public static StateSnapshot Of(RoutingState state, bool full = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new StateSnapshot(state, full);
    }

    /// <summary>
    /// Reads each queue's waiting order from a <see cref="RoutingState.Describe"/> text, whose queue lines read
    /// "queue ID waiting=N staffed=N available=N: CALL CALL ...".
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseWaiting(string describe)
    {
        ArgumentNullException.ThrowIfNull(describe);
        var waiting = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in describe.Split('\n'))
        {
            if (!line.StartsWith("queue ", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var id = line[6..line.IndexOf(' ', 6)];
            waiting[id] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return waiting;
    }

    /// <summary>The ids of <paramref name="order"/> that are in <paramref name="keep"/>, in order.</summary>
    public static string[] Restrict(IEnumerable<string> order, IReadOnlySet<string> keep) => order.Where(keep.Contains).ToArray();
}
