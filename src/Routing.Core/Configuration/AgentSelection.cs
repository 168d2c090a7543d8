namespace Routing.Core.Configuration;

/// <summary>How a queue picks among several available, qualified agents.</summary>
public enum AgentSelection
{
    /// <summary>The agent idle the longest (the industry default: spreads work fairly).</summary>
    LongestIdle = 0,

    /// <summary>Highest proficiency in the queue's first required skill, then longest idle.</summary>
    MostProficient = 1,

    /// <summary>Fewest calls handled since login, then longest idle.</summary>
    FewestCalls = 2,
}
