using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>Reacting to what the streams delivered: accept offers, track connects, undo what the server refused.</summary>
internal sealed partial class MonthDriver
{
    /// <summary>
    /// Handles everything the readers delivered, sending the commands that calls for, and repeats until every command
    /// is answered and nothing new came in: afterwards the server has seen all the harness meant to do at this instant.
    /// </summary>
    private async Task ProcessInboxAsync()
    {
        while (true)
        {
            var batch = _inbox.Swap(_spare);
            var handled = !batch.IsEmpty;
            if (handled)
            {
                Handle(batch);
            }

            _spare = batch;
            if (_replies.Pending > 0)
            {
                await WaitAsync(_replies, "the agent desktops' command replies");
            }
            else if (!handled)
            {
                return;
            }
        }
    }

    private void Handle(DriverInbox.Batch batch)
    {
        // Instructions first: a connect is about an accept already made, never about an offer in this batch.
        foreach (var note in batch.Instructions)
        {
            Instructed(note);
        }

        foreach (var note in batch.Rejections)
        {
            Refused(note);
        }

        foreach (var note in batch.Offers)
        {
            Offered(note);
        }

        foreach (var note in batch.Cancels)
        {
            _inbox.Problem($"offer withdrawn ({note.Reason})");
        }
    }

    private void Offered(in OfferNote note)
    {
        var desktop = note.Desktop;
        if (!_book.TryIndexOf(note.CallId, out var call))
        {
            Duplicate(note.CallId, "offer for a call this harness never offered");
            Decline(desktop, note.CallId, -1);
            return;
        }

        var status = _book.Status[call];
        if (status is not (CallStatus.Waiting or CallStatus.CallbackWaiting))
        {
            Duplicate(note.CallId, $"offer for a call already {status}");
            Decline(desktop, note.CallId, call);
            return;
        }

        if (desktop.State != DesktopState.Idle)
        {
            _inbox.Problem($"offer to a desktop that is {desktop.State}");
            Decline(desktop, note.CallId, call);
            return;
        }

        desktop.Send(RpcKind.Accept, new AgentSessionRequest { AcceptOffer = new AcceptOfferCommand { CallId = note.CallId } }, call);
        desktop.State = DesktopState.OnCall;
        desktop.Call = call;
        _book.Status[call] = CallStatus.Connected;
        _book.Waiting--;
        if (_book.AnsweredAt[call] < 0)
        {
            _book.AnsweredAt[call] = _now;
            _book.Answered++;
        }

        _book.AnsweredBy[call] = desktop.Index;
        if (desktop.Clinical && _book.ClinicianAt[call] < 0)
        {
            _book.ClinicianAt[call] = _now;
        }

        var answer = ++_book.Answers[call];
        var handle = _plan.Calls[call].HandleMs * TicksPerMs;
        _agenda.Schedule(_now + handle, new HarnessAction(HarnessActionKind.Completion, call, desktop.Index, answer));
    }

    private static void Decline(AgentDesktop desktop, string callId, int call) =>
        desktop.Send(RpcKind.Decline, new AgentSessionRequest { DeclineOffer = new DeclineOfferCommand { CallId = callId, Reason = "harness: unexpected offer" } }, call);

    private void Instructed(in InstructionNote note)
    {
        switch (note.Kind)
        {
            case GatewaySessionResponse.InstructionOneofCase.ConnectToAgent:
            case GatewaySessionResponse.InstructionOneofCase.DialCallback:
                if (!_book.TryIndexOf(note.CallId, out var call))
                {
                    Duplicate(note.CallId, "connect for a call this harness never offered");
                    return;
                }

                if (++_book.Connects[call] > _book.Answers[call])
                {
                    Duplicate(note.CallId, "more connects than accepts for one call");
                }

                var answeredBy = _book.AnsweredBy[call];
                if (answeredBy < 0 || !string.Equals(_desktops[answeredBy].AgentId, note.AgentId, StringComparison.Ordinal))
                {
                    _inbox.Problem("gateway told to connect an agent who did not accept");
                }

                break;
            case GatewaySessionResponse.InstructionOneofCase.PlayEmergencyAdvice:
                // Expected for every EMERGENCY call (and a breached EMERGENT one); the caller stays on the line.
                break;
            case GatewaySessionResponse.InstructionOneofCase.Cancel:
                _inbox.Problem("gateway instruction cancelled");
                break;
            default:
                _inbox.Problem($"unexpected gateway instruction {note.Kind}");
                break;
        }
    }

    /// <summary>A refused command: count it, and undo what the driver assumed it did.</summary>
    private void Refused(in RejectionNote note)
    {
        _inbox.Problem($"{RpcKindName(note.Kind)} refused ({note.Code})");
        var desktop = note.Desktop;
        switch (note.Kind)
        {
            case RpcKind.Login when note.Code == CommandRejectionCode.PermissionDenied:
                throw new MonthRunException(
                    $"The server refused to log in {desktop.AgentId} ({note.Code}). Clinicians must be on its roster: the simulation roster has sim-clinician-001 to the number set by Routing:Simulation:Clinicians (default 120).");
            case RpcKind.Login:
                throw new MonthRunException($"The server refused to log in {desktop.AgentId} ({note.Code}).");
            case RpcKind.Accept when note.Call >= 0 && _book.Status[note.Call] == CallStatus.Connected && desktop.Call == note.Call:
                // The call is still waiting at the server; the completion scheduled for this answer is now stale.
                var call = note.Call;
                _book.Status[call] = _book.AbandonedAt[call] >= 0 ? CallStatus.CallbackWaiting : CallStatus.Waiting;
                _book.Waiting++;
                if (_book.AnsweredAt[call] == _now && _book.Answers[call] == 1)
                {
                    _book.AnsweredAt[call] = -1;
                    _book.Answered--;
                }

                if (_book.ClinicianAt[call] == _now)
                {
                    _book.ClinicianAt[call] = -1;
                }

                _book.Answers[call]++;
                desktop.State = DesktopState.Idle;
                desktop.Call = -1;
                break;
            default:
                break;
        }
    }

    private void Duplicate(string callId, string problem)
    {
        _inbox.Problem(problem);
        if (!_duplicated.Contains(callId))
        {
            _duplicated.Add(callId);
        }
    }

    private static string RpcKindName(RpcKind kind) => kind switch
    {
        RpcKind.Login => "AgentSession.Login",
        RpcKind.Ready => "AgentSession.Ready",
        RpcKind.Accept => "AgentSession.Accept",
        RpcKind.Decline => "AgentSession.Decline",
        RpcKind.Complete => "AgentSession.Complete",
        RpcKind.Logout => "AgentSession.Logout",
        _ => kind.ToString(),
    };
}
