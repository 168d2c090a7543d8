using Routing.Core.Agents;
using Routing.Core.Configuration;

namespace Routing.Core.Queues;

/// <summary>Orders available agents for one queue by its selection strategy; login order breaks ties.</summary>
internal sealed class AgentOrder : IComparer<Agent>
{
    private readonly AgentSelection _selection;
    private readonly string? _primarySkill;

    public AgentOrder(AgentSelection selection, string? primarySkill)
    {
        _selection = selection;
        _primarySkill = primarySkill;
    }

    public int Compare(Agent? x, Agent? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var result = _selection switch
        {
            AgentSelection.MostProficient when _primarySkill is not null =>
                y.ProficiencyIn(_primarySkill).CompareTo(x.ProficiencyIn(_primarySkill)),
            AgentSelection.FewestCalls => x.CallsHandled.CompareTo(y.CallsHandled),
            _ => 0,
        };
        if (result != 0)
        {
            return result;
        }

        result = x.IdleSince.CompareTo(y.IdleSince);
        return result != 0 ? result : x.Order.CompareTo(y.Order);
    }
}
