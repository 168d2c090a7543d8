using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>
/// What the harness does at an instant, in a fixed order so a seed replays the same way: agents finish calls, callers
/// whose patience ran out hang up, shifts change, new calls arrive. Commands whose order at the server matters go one
/// at a time; only the accepts of one instant, which cannot affect each other, go out together.
/// </summary>
internal sealed partial class MonthDriver
{
    private readonly List<int> _offersAtOnce = [];

    private async Task RunDueActionsAsync(CancellationToken cancellationToken)
    {
        _due.Clear();
        _agenda.TakeDue(_now, _due);

        // One at a time, in agenda order: each completion arms the agent's wrap-up timer, and timers of one instant
        // fire in the order they were armed, which decides who takes a waiting call when two wrap-ups end together.
        foreach (var action in _due)
        {
            if (action.Kind == HarnessActionKind.Completion && Complete(action))
            {
                await ProcessInboxAsync();
            }
        }

        foreach (var action in _due)
        {
            if (action.Kind == HarnessActionKind.PatienceExpiry && _book.Status[action.Call] == CallStatus.Waiting)
            {
                await HangUpAsync(action.Call, cancellationToken);
            }
        }

        if (_shiftCursor < _shiftHours.Length && _shiftHours[_shiftCursor] * TimeSpan.TicksPerHour == _now)
        {
            await ChangeShiftAsync(_shiftHours[_shiftCursor++]);
            await ProcessInboxAsync();
        }

        await ArriveAsync(cancellationToken);
    }

    /// <summary>The agent ends the conversation (and logs out if rostered off). False when the action is stale.</summary>
    private bool Complete(in HarnessAction action)
    {
        var call = action.Call;
        var desktop = _desktops[action.Desktop];
        if (_book.Status[call] != CallStatus.Connected || desktop.Call != call || _book.Answers[call] != action.Answer)
        {
            return false;
        }

        desktop.Send(RpcKind.Complete, new AgentSessionRequest { CompleteCall = new CompleteCallCommand { CallId = _book.IdOf(call) } }, call);
        desktop.State = DesktopState.Idle;
        desktop.Call = -1;
        End(call);
        if (desktop.Leaving && !_closing[desktop.Pool])
        {
            LogOut(desktop);
        }

        return true;
    }

    /// <summary>
    /// The caller hangs up. An abandoned URGENT or higher call becomes a safety-net callback: not over until a
    /// clinician calls back, so it stays open (and waiting) in the book.
    /// </summary>
    private async Task HangUpAsync(int call, CancellationToken cancellationToken)
    {
        var request = new EndCallRequest { CallId = _book.IdOf(call), GatewayId = GatewayOf(call).GatewayId, Reason = EndCallReason.CallerHungUp };
        var started = RpcLatencyRecorder.Now();
        using var rpc = _callsClient.EndCallAsync(request, cancellationToken: cancellationToken);
        EndCallResponse response;
        try
        {
            response = await rpc.ResponseAsync;
            _latency.Record(RpcKind.EndCall, started);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            // The caller is still on the line as far as the server knows; an agent will be offered the call.
            _inbox.Problem($"EndCall failed ({e.StatusCode})");
            return;
        }

        if (!response.Abandoned)
        {
            _inbox.Problem("EndCall of a waiting caller was not counted as abandoned");
        }

        _book.AbandonedAt[call] = _now;
        _book.Abandoned++;
        if (response.SafetyNetCallbackCreated)
        {
            _book.Status[call] = CallStatus.CallbackWaiting;
        }
        else
        {
            _book.Waiting--;
            End(call);
        }
    }

    /// <summary>
    /// Offers the calls arriving now, one after the other in arrival order: calls arriving at the same instant compete
    /// for the same free agents, and only a fixed order makes a seed replay the same way. Their offers are accepted
    /// together afterwards (no time passes in between, and an agent ringing for one cannot be offered another).
    /// </summary>
    private async Task ArriveAsync(CancellationToken cancellationToken)
    {
        _offersAtOnce.Clear();
        var calls = _plan.Calls;
        while (_arrivalCursor < calls.Length && calls[_arrivalCursor].ArrivalMs * TicksPerMs == _now)
        {
            var call = _arrivalCursor++;
            _book.Arrived = _arrivalCursor;
            var request = _plan.Request(call, _book.IdOf(call), GatewayOf(call).GatewayId);
            var started = RpcLatencyRecorder.Now();
            using var rpc = _callsClient.OfferCallAsync(request, cancellationToken: cancellationToken);
            try
            {
                var response = await rpc.ResponseAsync;
                _latency.Record(RpcKind.OfferCall, started);
                Admitted(call, response);
                if (OfferedAtOnce(response))
                {
                    _offersAtOnce.Add(call);
                }
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
            {
                _inbox.Problem($"OfferCall refused ({e.StatusCode})");
                _book.Status[call] = CallStatus.Refused;
                _book.Refused++;
            }
        }

        if (_offersAtOnce.Count > 0)
        {
            await AcceptOffersMadeAtArrivalAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A call offered to an agent the moment it arrived is no longer queued, so its standing has no wait left to
    /// estimate: the response carries an estimated wait of exactly zero, where a queued call always has a positive one.
    /// </summary>
    private static bool OfferedAtOnce(OfferCallResponse response) =>
        response.EstimatedWait is { Seconds: 0, Nanos: 0 } && response.Urgency != Urgency.Unspecified;

    /// <summary>
    /// Waits for the offers the arrivals just caused and accepts them, instead of asking the server with another
    /// advance: when nobody else waits, the next advance then needs no stop on offers and goes straight to the next
    /// action. An offer the inference misses is still caught by that advance (it stops on offers while anyone waits).
    /// </summary>
    private async Task AcceptOffersMadeAtArrivalAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = _inbox.Swap(_spare);
            if (!batch.IsEmpty)
            {
                Handle(batch);
            }

            _spare = batch;
            var missing = false;
            foreach (var call in _offersAtOnce)
            {
                missing |= _book.Status[call] == CallStatus.Waiting;
            }

            if (!missing)
            {
                break;
            }

            try
            {
                await _inbox.WhenNotEmpty().WaitAsync(_options.StallTimeout, cancellationToken);
            }
            catch (TimeoutException e)
            {
                throw new MonthRunException(
                    $"Stalled at {Start.AddTicks(_now):O}: a call answered with an estimated wait of zero (offered at once) was never offered to a desktop within {_options.StallTimeout.TotalSeconds:0} s.",
                    e);
            }
        }

        // While others wait, the next advance stops on offers, and the server would stop it at once for the offers just
        // made (it reports offers written since its previous answer). A barrier advance, which never moves the clock,
        // takes that report now, alongside the accepts instead of after them.
        Task<AdvanceClockResponse>? barrier = _book.Waiting > 0 ? CallAdvanceAsync(_barrier, cancellationToken) : null;
        await ProcessInboxAsync();
        if (barrier is not null)
        {
            var response = await barrier;
            _advances++;
            await AwaitWatermarksAsync(response);
            await ProcessInboxAsync();
        }
    }

    private void Admitted(int call, OfferCallResponse response)
    {
        var kind = _plan.KindOf(call);
        var expected = _plan.ExpectedQueue(call);
        var queue = string.Equals(response.QueueId, expected, StringComparison.Ordinal) ? expected : response.QueueId;
        if (!ReferenceEquals(queue, expected))
        {
            // Names only: the kind and the queues, never what the caller said.
            _inbox.Problem($"triage sent a {kind.Kind} call to {response.QueueId}, the scenario expected {expected}");
        }

        _book.QueueId[call] = queue;
        _book.Urgency[call] = response.Urgency;
        _book.RedFlag[call] = kind.RedFlag || FiredRedFlagRule(response);
        _book.Status[call] = CallStatus.Waiting;
        _book.Waiting++;
        _book.Open++;
        var patience = _plan.Calls[call].PatienceMs;
        if (patience >= 0)
        {
            _agenda.Schedule(_now + (patience * TicksPerMs), new HarnessAction(HarnessActionKind.PatienceExpiry, call, -1, 0));
        }
    }

    /// <summary>Red-flag rules are the RF-* (IVR codes) and PH-* (caller's words) rules of the rule set.</summary>
    private static bool FiredRedFlagRule(OfferCallResponse response)
    {
        foreach (var rule in response.FiredRuleIds)
        {
            if (rule.StartsWith("RF-", StringComparison.Ordinal) || rule.StartsWith("PH-", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void End(int call)
    {
        _book.Status[call] = CallStatus.Ended;
        _book.EndedAt[call] = _now;
        _book.Open--;
    }

    private GatewayLink GatewayOf(int call) => _gateways[call % _gateways.Length];
}
