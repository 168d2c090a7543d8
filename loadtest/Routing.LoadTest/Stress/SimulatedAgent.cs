using System.Globalization;
using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Stress;

/// <summary>
/// An agent desktop that takes every call offered: logs in, goes ready, accepts each offer at once, completes the
/// call after the handle time and ends wrap-up at once, so answered calls leave the server instead of piling up.
/// Commands the server refuses (a call the caller already left, a completion that raced a hang-up) are counted,
/// not fatal. Re-opens its session and logs in again if the stream breaks.
/// </summary>
internal sealed class SimulatedAgent : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly AgentService.AgentServiceClient _client;
    private readonly AgentRole _role;
    private readonly IReadOnlyList<AgentSkill> _skills;
    private readonly TimeSpan _handleTime;
    private readonly Tally _tally;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _requestId;
    private string? _logoutId;

    /// <param name="skills">Empty for a roster agent: the server then uses the roster's skills.</param>
    public SimulatedAgent(AgentService.AgentServiceClient client, string agentId, AgentRole role, IReadOnlyList<AgentSkill> skills, TimeSpan handleTime, Tally tally)
    {
        _client = client;
        AgentId = agentId;
        _role = role;
        _skills = skills;
        _handleTime = handleTime;
        _tally = tally;
    }

    public string AgentId { get; }

    public void Dispose() => _writeLock.Dispose();

    /// <summary>Logs in; completes <paramref name="loggedIn"/> after the first login (or faults it if refused for good).</summary>
    /// <param name="stop">Log out and end the session.</param>
    /// <param name="abort">Drop the session without waiting for the server (after stop, if logging out takes too long).</param>
    public async Task RunAsync(TaskCompletionSource loggedIn, TimeSpan loginPatience, CancellationToken stop, CancellationToken abort)
    {
        var first = true;
        var loginDeadline = DateTime.UtcNow + loginPatience;
        while (!stop.IsCancellationRequested)
        {
            if (!first)
            {
                try
                {
                    await Task.Delay(RetryDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            first = false;
            try
            {
                using var session = _client.AgentSession(cancellationToken: abort);
                var refusal = await SessionAsync(session, loggedIn, stop);
                if (refusal is not null)
                {
                    // ALREADY_EXISTS: an earlier run's session for this roster id is still in its grace period.
                    if (refusal.Code == CommandRejectionCode.AlreadyExists && DateTime.UtcNow < loginDeadline)
                    {
                        continue;
                    }

                    loggedIn.TrySetException(new InvalidOperationException(
                        $"Agent {AgentId} could not log in: {refusal.Code} {refusal.Message}"));
                    return;
                }
            }
            catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or OperationCanceledException)
            {
                if (stop.IsCancellationRequested || abort.IsCancellationRequested)
                {
                    break;
                }

                _tally.Add("agent_sessions_reopened");
                if (!loggedIn.Task.IsCompleted && DateTime.UtcNow >= loginDeadline)
                {
                    loggedIn.TrySetException(new InvalidOperationException($"Agent {AgentId} could not open a session: {ex.GetType().Name}: {ex.Message}"));
                    return;
                }
            }
        }

        loggedIn.TrySetCanceled(stop);
    }

    /// <summary>One session: null when it ended (stop or broken stream), or the login refusal.</summary>
    private async Task<CommandRejected?> SessionAsync(AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> session, TaskCompletionSource loggedIn, CancellationToken stop)
    {
        var login = new LoginCommand { AgentId = AgentId, Role = _role };
        login.Skills.AddRange(_skills);
        var loginId = await WriteAsync(session, r => r.Login = login);
        Volatile.Write(ref _logoutId, null);
        using var stopping = stop.Register(() => _ = LogOutAsync(session));
        while (await session.ResponseStream.MoveNext(CancellationToken.None))
        {
            var response = session.ResponseStream.Current;
            var logoutId = Volatile.Read(ref _logoutId);
            switch (response.EventCase)
            {
                case AgentSessionResponse.EventOneofCase.CommandAccepted when response.CommandAccepted.RequestId == loginId:
                    await WriteAsync(session, r => r.Ready = new ReadyCommand());
                    loggedIn.TrySetResult();
                    break;
                case AgentSessionResponse.EventOneofCase.CommandAccepted when response.CommandAccepted.RequestId == logoutId:
                    _tally.Add("agent_logged_out");
                    await session.RequestStream.CompleteAsync();
                    break;
                case AgentSessionResponse.EventOneofCase.CommandRejected when response.CommandRejected.RequestId == loginId:
                    await session.RequestStream.CompleteAsync();
                    return response.CommandRejected;
                case AgentSessionResponse.EventOneofCase.CommandRejected when response.CommandRejected.RequestId == logoutId:
                    // Refused while on a call: log out again once the call is done (AVAILABLE below).
                    _tally.Add("agent_logout_deferred");
                    break;
                case AgentSessionResponse.EventOneofCase.CommandRejected:
                    _tally.Add("agent_command_rejected_" + ErrorCodes.Snake(response.CommandRejected.Code.ToString()));
                    break;
                case AgentSessionResponse.EventOneofCase.Offer:
                    _tally.Add("agent_offers");
                    await WriteAsync(session, r => r.AcceptOffer = new AcceptOfferCommand { CallId = response.Offer.CallId });
                    break;
                case AgentSessionResponse.EventOneofCase.OfferCancelled:
                    _tally.Add("agent_offers_cancelled");
                    break;
                case AgentSessionResponse.EventOneofCase.StateChanged when stop.IsCancellationRequested && response.StateChanged.State == AgentState.Available:
                    await LogOutAsync(session);
                    break;
                case AgentSessionResponse.EventOneofCase.StateChanged:
                    await OnStateAsync(session, response.StateChanged, stop);
                    break;
            }
        }

        return null;
    }

    private async Task LogOutAsync(AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> session)
    {
        try
        {
            var id = Interlocked.Increment(ref _requestId).ToString(CultureInfo.InvariantCulture);
            Volatile.Write(ref _logoutId, id);
            await WriteAsync(session, new AgentSessionRequest { RequestId = id, Logout = new LogoutCommand() });
        }
        catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // The session is already gone; the server logs the agent out after its grace period.
        }
    }

    private async Task OnStateAsync(AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> session, AgentStateChanged change, CancellationToken stop)
    {
        switch (change.State)
        {
            case AgentState.OnCall:
                _tally.Add("agent_calls_answered");
                _ = CompleteLaterAsync(session, change.CallId, stop);
                break;
            case AgentState.WrapUp:
                await WriteAsync(session, r => r.EndWrapUp = new EndWrapUpCommand());
                break;
            case AgentState.NotReady when !stop.IsCancellationRequested:
                // Paused by the server (missed offers): come back, as a desk that wants calls would.
                await WriteAsync(session, r => r.Ready = new ReadyCommand());
                break;
        }
    }

    private async Task CompleteLaterAsync(AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> session, string callId, CancellationToken stop)
    {
        try
        {
            // Completed even while stopping, so the agent is free to log out.
            await Task.Delay(stop.IsCancellationRequested ? TimeSpan.Zero : _handleTime, CancellationToken.None);
            await WriteAsync(session, r => r.CompleteCall = new CompleteCallCommand { CallId = callId });
            _tally.Add("agent_calls_completed");
        }
        catch (Exception ex) when (ex is RpcException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The session broke; the server ends the call when the grace period runs out.
        }
    }

    /// <summary>Writes one command and answers its request id.</summary>
    private async Task<string> WriteAsync(AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> session, Action<AgentSessionRequest> fill)
    {
        var request = new AgentSessionRequest { RequestId = Interlocked.Increment(ref _requestId).ToString(CultureInfo.InvariantCulture) };
        fill(request);
        await WriteAsync(session, request);
        return request.RequestId;
    }

    /// <summary>Writes on a stream must not overlap: replies, delayed completions and the logout all write.</summary>
    private async Task WriteAsync(AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> session, AgentSessionRequest request)
    {
        await _writeLock.WaitAsync();
        try
        {
            await session.RequestStream.WriteAsync(request);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
