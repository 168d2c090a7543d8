using Routing.Core.Agents;

namespace Routing.Core.Statistics;

/// <summary>How many logged-in agents of one role are in each state, now.</summary>
public sealed record AgentStateCounts(AgentRole Role, int Available, int Reserved, int OnCall, int WrapUp, int NotReady)
{
    public int LoggedIn => Available + Reserved + OnCall + WrapUp + NotReady;
}
