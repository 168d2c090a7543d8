using Grpc.Core;
using Routing.V1;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>An agent desktop: one AgentSession stream, commands with request ids, and what the server pushed.</summary>
internal sealed class AgentDesk : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> _call;
    private int _requests;

    private AgentDesk(RoutingTestHost host, string agentId)
    {
        AgentId = agentId;
        _call = host.Agents.AgentSession();
        Inbox = new MessagePump<AgentSessionResponse>(_call.ResponseStream, $"agent {agentId}");
    }

    public string AgentId { get; }

    public MessagePump<AgentSessionResponse> Inbox { get; }

    /// <summary>Every offer this desktop was ever sent.</summary>
    public IEnumerable<CallOffer> Offers => Inbox.All.Where(m => m.Offer is not null).Select(m => m.Offer);

    public static AgentDesk Open(RoutingTestHost host, string agentId) => new(host, agentId);

    /// <summary>Opens a session, logs in with the roster's skills and goes ready.</summary>
    public static async Task<AgentDesk> ReadyAsync(RoutingTestHost host, string agentId, AgentRole role)
    {
        var desk = Open(host, agentId);
        await desk.LogInAsync(role);
        await desk.ReadyAsync();
        return desk;
    }

    /// <summary>Sends a command and returns the server's CommandAccepted or CommandRejected for it.</summary>
    public async Task<AgentSessionResponse> SendAsync(AgentSessionRequest request)
    {
        var id = $"{AgentId}-{Interlocked.Increment(ref _requests)}";
        request.RequestId = id;
        await _call.RequestStream.WriteAsync(request);
        return await Inbox.NextAsync(
            m => (m.CommandAccepted?.RequestId ?? m.CommandRejected?.RequestId) == id,
            $"the reply to {request.CommandCase} ({id})");
    }

    /// <summary>Writes a request without waiting for its reply (a desktop clicking faster than the round trip).</summary>
    public Task WriteAsync(AgentSessionRequest request) => _call.RequestStream.WriteAsync(request);

    public async Task<CommandRejected> RejectedAsync(AgentSessionRequest request)
    {
        var reply = await SendAsync(request);
        return reply.CommandRejected ?? throw new Xunit.Sdk.XunitException($"{AgentId}: {request.CommandCase} was accepted; expected a rejection.");
    }

    public async Task AcceptedAsync(AgentSessionRequest request)
    {
        var reply = await SendAsync(request);
        if (reply.CommandRejected is { } rejected)
        {
            throw new Xunit.Sdk.XunitException($"{AgentId}: {request.CommandCase} was rejected: {rejected}");
        }
    }

    public Task LogInAsync(AgentRole role) => AcceptedAsync(new AgentSessionRequest { Login = new LoginCommand { AgentId = AgentId, Role = role } });

    public Task ReadyAsync() => AcceptedAsync(new AgentSessionRequest { Ready = new ReadyCommand() });

    public Task AcceptAsync(string callId) => AcceptedAsync(new AgentSessionRequest { AcceptOffer = new AcceptOfferCommand { CallId = callId } });

    public Task CompleteAsync(string callId) => AcceptedAsync(new AgentSessionRequest { CompleteCall = new CompleteCallCommand { CallId = callId } });

    public Task EndWrapUpAsync() => AcceptedAsync(new AgentSessionRequest { EndWrapUp = new EndWrapUpCommand() });

    /// <summary>Takes and answers the next offer, then completes the call and ends wrap-up: ready for the next one.</summary>
    public async Task<CallOffer> HandleNextCallAsync()
    {
        var offer = await NextOfferAsync();
        await AcceptAsync(offer.CallId);
        await CompleteAsync(offer.CallId);
        await EndWrapUpAsync();
        return offer;
    }

    public async Task<CallOffer> NextOfferAsync() =>
        (await Inbox.NextAsync(m => m.Offer is not null, "an offer")).Offer;

    public async Task<AgentStateChanged> NextStateAsync(AgentState state) =>
        (await Inbox.NextAsync(m => m.StateChanged?.State == state, $"a state change to {state}")).StateChanged;

    /// <summary>The desktop ends its stream cleanly (half-close), then waits for the server to end it too.</summary>
    public async Task CloseAsync()
    {
        await _call.RequestStream.CompleteAsync();
        await Wait.For(Inbox.Completion, $"agent {AgentId}'s stream to end");
    }

    /// <summary>The desktop vanishes (network loss, crash): the call is cancelled without a goodbye.</summary>
    public async Task DropAsync()
    {
        _call.Dispose();
        await Wait.For(Inbox.Completion, $"agent {AgentId}'s stream to end");
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}
