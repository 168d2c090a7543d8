using Routing.Server.Observability;
using Routing.V1;

namespace Routing.Server.Agents;

/// <summary>
/// The live desktop session of each agent. A reconnecting desktop replaces the old session; a dropped one leaves
/// the agent logged in for a grace period (tracked by the <see cref="Generation"/> so a reconnect cancels it).
/// </summary>
internal sealed class AgentSessionRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AgentSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ILogger<AgentSessionRegistry> _logger;

    public AgentSessionRegistry(ILogger<AgentSessionRegistry> logger) => _logger = logger;

    /// <summary>Attaches a session, closing any older one for the agent. Returns the attachment generation.</summary>
    public long Attach(string agentId, AgentSession session)
    {
        AgentSession? previous;
        long generation;
        lock (_lock)
        {
            _sessions.TryGetValue(agentId, out previous);
            _sessions[agentId] = session;
            generation = _generations.GetValueOrDefault(agentId) + 1;
            _generations[agentId] = generation;
        }

        if (previous is not null && !ReferenceEquals(previous, session))
        {
            previous.Close();
        }

        Log.AgentAttached(_logger, agentId);
        return generation;
    }

    /// <summary>Detaches the session if it is still the current one; returns the generation a grace logout must match.</summary>
    public long? Detach(string agentId, AgentSession session)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(agentId, out var current) && ReferenceEquals(current, session))
            {
                _sessions.Remove(agentId);
                return _generations.GetValueOrDefault(agentId);
            }

            return null;
        }
    }

    /// <summary>True while no session attached since <paramref name="generation"/>.</summary>
    public bool StillDetached(string agentId, long generation)
    {
        lock (_lock)
        {
            return !_sessions.ContainsKey(agentId) && _generations.GetValueOrDefault(agentId) == generation;
        }
    }

    public void Send(string agentId, AgentSessionResponse message)
    {
        AgentSession? session;
        lock (_lock)
        {
            _sessions.TryGetValue(agentId, out session);
        }

        if (session is not null && !session.TryEnqueue(message))
        {
            // Never block the fan-out: a desktop this far behind reconnects and is re-briefed.
            Log.AgentOutboxFull(_logger, agentId);
            session.Close();
        }
    }
}
