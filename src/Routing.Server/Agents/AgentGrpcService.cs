using System.Threading.Channels;
using Grpc.Core;
using Routing.Core.Commands;
using Routing.Runtime;
using Routing.Server.Hosting;
using Routing.Server.Simulation;
using Routing.V1;
using CoreRole = Routing.Core.Agents.AgentRole;
using CoreSkill = Routing.Core.Agents.AgentSkill;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.Server.Agents;

/// <summary>
/// Agent desktops: one bidirectional stream per desktop. Requests run as domain commands in order; replies,
/// offers and state confirmations go back through the session's single writer.
/// </summary>
internal sealed class AgentGrpcService : AgentService.AgentServiceBase
{
    private readonly RoutingHost _host;
    private readonly AgentSessionRegistry _registry;
    private readonly AgentPresence _presence;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly SettleTracker _settle;

    public AgentGrpcService(RoutingHost host, AgentSessionRegistry registry, AgentPresence presence, IHostApplicationLifetime lifetime, SettleTracker settle)
    {
        _host = host;
        _registry = registry;
        _presence = presence;
        _lifetime = lifetime;
        _settle = settle;
    }

    public override async Task AgentSession(IAsyncStreamReader<AgentSessionRequest> requestStream, IServerStreamWriter<AgentSessionResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        using var session = new AgentSession(_settle);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, session.Closed, _lifetime.ApplicationStopping);
        var pump = session.PumpAsync(responseStream, ended.Token);

        // Commands are pipelined: each goes to the domain as soon as it is read (the domain's channel keeps their
        // order), and replies are written in the same order as their commands complete. One desktop then fills a
        // group commit instead of waiting a commit per click. A login is awaited before the next read, because
        // what follows depends on who logged in.
        var replies = Channel.CreateBounded<Task<AgentSessionResponse>>(new BoundedChannelOptions(MaxInFlight) { SingleReader = true, SingleWriter = true });
        var replier = ReplyInOrderAsync(session, replies.Reader);
        try
        {
            while (await requestStream.MoveNext(ended.Token))
            {
                var request = requestStream.Current;
                var reply = HandleAsync(session, request, ended.Token);
                if (request.CommandCase == AgentSessionRequest.CommandOneofCase.Login || session.AgentId is null)
                {
                    await reply;
                }

                await replies.Writer.WriteAsync(reply, ended.Token);
                if (replier.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The desktop went away, a newer session replaced this one, or the server is stopping.
        }
        catch (IOException) when (ended.IsCancellationRequested || context.CancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Detach first: once the fan-out can no longer find this session it cannot mistake the completed outbox
            // for a full one and reset the stream before the last replies are written.
            replies.Writer.TryComplete();
            try
            {
                await replier;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException)
            {
            }

            var generation = session.AgentId is { } id ? _registry.Detach(id, session) : null;
            session.CompleteOutbox();
            try
            {
                await pump;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The stream is gone; whatever was not written is re-sent as state on reconnect.
            }
            finally
            {
                session.DiscardUnwritten();
            }

            // A desktop that logged out before closing said goodbye: no drop, no grace period.
            if (generation is { } g && !session.LoggedOut)
            {
                _presence.LogOutAfterGrace(session.AgentId!, g);
            }
        }
    }

    /// <summary>Replies waiting for their commands; past this, reading the desktop's stream pauses.</summary>
    private const int MaxInFlight = 64;

    private static async Task ReplyInOrderAsync(AgentSession session, ChannelReader<Task<AgentSessionResponse>> replies)
    {
        await foreach (var reply in replies.ReadAllAsync())
        {
            if (!session.TryEnqueue(await reply))
            {
                return;
            }
        }
    }

    private async Task<AgentSessionResponse> HandleAsync(AgentSession session, AgentSessionRequest request, CancellationToken ct)
    {
        RoutingCommand? command;
        if (request.CommandCase == AgentSessionRequest.CommandOneofCase.Login)
        {
            if (ValidateLogin(session, request.Login, out command) is { } rejected)
            {
                return Rejected(request.RequestId, rejected);
            }
        }
        else if (session.AgentId is not { } agentId)
        {
            return Rejected(request.RequestId, RoutingError.Precondition("Log in first: the first request on an agent session is login."));
        }
        else
        {
            command = ToCommand(agentId, request);
            if (command is null)
            {
                return Rejected(request.RequestId, RoutingError.Invalid("command", "The request carries no command."));
            }
        }

        RoutingResult result;
        try
        {
            result = await _host.Domain.ExecuteAsync(command!, ct);
        }
        catch (RoutingDomainStoppedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The routing domain is stopping; reconnect shortly."));
        }

        if (result.Error is { } error)
        {
            return Rejected(request.RequestId, error);
        }

        if (command is LogIn or LogOut && result.Events.Count > 0)
        {
            session.RecordPresence(loggedIn: command is LogIn, result.Events[^1].Sequence);
        }

        if (command is LogIn login && session.AgentId is null)
        {
            session.AgentId = login.AgentId;
            _registry.Attach(login.AgentId, session);

            // A desktop reconnecting mid-shift learns where it stands (ringing, on a call) straight away.
            if (result.Reply is AgentReply state)
            {
                session.TryEnqueue(new AgentSessionResponse
                {
                    StateChanged = new AgentStateChanged
                    {
                        State = AgentMessages.ToContract(state.Status),
                        CallId = state.CallId ?? string.Empty,
                        ChangedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(_host.Time.GetUtcNow()),
                    },
                });
            }
        }

        return new AgentSessionResponse { CommandAccepted = new CommandAccepted { RequestId = request.RequestId } };
    }

    /// <summary>Scope of practice is not self-declared: a clinician must be on the roster as one.</summary>
    private RoutingError? ValidateLogin(AgentSession session, LoginCommand login, out RoutingCommand? command)
    {
        command = null;
        if (string.IsNullOrWhiteSpace(login.AgentId))
        {
            return RoutingError.Invalid("login.agent_id", "agent_id is required.");
        }

        if (session.AgentId is { } current && !string.Equals(current, login.AgentId, StringComparison.Ordinal))
        {
            return RoutingError.Precondition($"This session belongs to agent {current}; open a new session for {login.AgentId}.");
        }

        // The contract routes a supervisor like non-clinical staff (never a clinical-class call); the domain has no
        // separate supervisor role, and refusing the login (as it did) left supervisor desktops unable to log in at all.
        var role = login.Role switch
        {
            AgentRole.Clinician => CoreRole.Clinician,
            AgentRole.NonClinical or AgentRole.Supervisor => CoreRole.NonClinical,
            _ => CoreRole.Unspecified,
        };
        if (role == CoreRole.Unspecified)
        {
            return RoutingError.Invalid("login.role", "Role must be AGENT_ROLE_CLINICIAN, AGENT_ROLE_NON_CLINICAL or AGENT_ROLE_SUPERVISOR.");
        }

        _host.Configuration.Roster.TryGetValue(login.AgentId, out var entry);
        if (entry is not null && !string.Equals(entry.Role, role.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return new RoutingError(RoutingErrorCode.PermissionDenied, $"Agent {login.AgentId} is on the roster as {entry.Role}, not {role}.", "login.role");
        }

        if (entry is null && role == CoreRole.Clinician)
        {
            return new RoutingError(RoutingErrorCode.PermissionDenied, $"Agent {login.AgentId} is not on the roster as a clinician.", "login.role");
        }

        var skills = login.Skills.Count > 0
            ? login.Skills.Select(s => new CoreSkill(s.Name, s.Proficiency)).ToArray()
            : entry?.Skills.Select(s => new CoreSkill(s.Name, s.Proficiency)).ToArray() ?? [];
        command = new LogIn(login.AgentId, role, skills);
        return null;
    }

    private static RoutingCommand? ToCommand(string agentId, AgentSessionRequest request) => request.CommandCase switch
    {
        AgentSessionRequest.CommandOneofCase.Ready => new SetReady(agentId),
        AgentSessionRequest.CommandOneofCase.NotReady => new SetNotReady(agentId, request.NotReady.Reason),
        AgentSessionRequest.CommandOneofCase.Logout => new LogOut(agentId),
        AgentSessionRequest.CommandOneofCase.AcceptOffer => new AcceptOffer(agentId, request.AcceptOffer.CallId),
        AgentSessionRequest.CommandOneofCase.DeclineOffer => new DeclineOffer(agentId, request.DeclineOffer.CallId, request.DeclineOffer.Reason),
        AgentSessionRequest.CommandOneofCase.CompleteCall => new CompleteCall(agentId, request.CompleteCall.CallId),
        AgentSessionRequest.CommandOneofCase.EndWrapUp => new EndWrapUp(agentId),
        AgentSessionRequest.CommandOneofCase.TransferCall => new TransferCall(agentId, request.TransferCall.CallId, request.TransferCall.QueueId),
        AgentSessionRequest.CommandOneofCase.ChangeUrgency => new ChangeUrgency(agentId, request.ChangeUrgency.CallId, (CoreUrgency)(int)request.ChangeUrgency.Urgency, request.ChangeUrgency.Reason),
        _ => null,
    };

    private static AgentSessionResponse Rejected(string requestId, RoutingError error) => new()
    {
        CommandRejected = new CommandRejected
        {
            RequestId = requestId,
            Code = error.Code switch
            {
                RoutingErrorCode.InvalidArgument => CommandRejectionCode.InvalidArgument,
                RoutingErrorCode.NotFound => CommandRejectionCode.NotFound,
                RoutingErrorCode.AlreadyExists => CommandRejectionCode.AlreadyExists,
                RoutingErrorCode.PermissionDenied => CommandRejectionCode.PermissionDenied,
                _ => CommandRejectionCode.FailedPrecondition,
            },
            Message = error.Message,
            Field = error.Field ?? string.Empty,
        },
    };
}
