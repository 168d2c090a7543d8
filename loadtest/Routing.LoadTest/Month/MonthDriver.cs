using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>
/// Replays a month against a server in simulation mode, through its public gRPC API only. A discrete-event loop on
/// virtual time: the next harness action T is the earliest of the next arrival, completion, patience expiry and shift
/// change; AdvanceClock(until T, stop on offer) moves the server's clock, stopping early at any instant where an agent
/// was offered a call; the driver waits until every stream the server wrote to has been read that far (the
/// watermarks), accepts the offers at that instant, and once the clock has reached T does what is due at T. A
/// command's reply is awaited before the next advance, so the clock never overtakes a command. Round trips are what a
/// month costs, so: with nobody waiting no timer can make an offer and the advance need not stop on offers; a call
/// offered the moment it arrives is recognised from its OfferCall response and accepted without another advance; and
/// stale patience expiries are skipped instead of advanced to.
/// </summary>
internal sealed partial class MonthDriver : IAsyncDisposable
{
    private const long TicksPerMs = TimeSpan.TicksPerMillisecond;

    private readonly MonthRunOptions _options;
    private readonly MonthScenario _scenario;
    private readonly GrpcChannel _channel;
    private readonly CallRoutingService.CallRoutingServiceClient _callsClient;
    private readonly AgentService.AgentServiceClient _agentsClient;
    private readonly SimulationService.SimulationServiceClient _simulation;
    private readonly DriverInbox _inbox = new();
    private readonly RpcLatencyRecorder _latency = new();
    private readonly Countdown _replies = new();
    private readonly Countdown _watermarks = new();
    private readonly Agenda _agenda = new();
    private readonly List<HarnessAction> _due = [];
    private readonly List<string> _duplicated = [];
    private readonly AdvanceClockRequest _advance = new() { StopOnOffer = true, Until = new Timestamp() };

    /// <summary>No target: the server settles and reports without moving its clock.</summary>
    private readonly AdvanceClockRequest _barrier = new();
    private readonly Func<HarnessAction, bool> _isStale;
    private DriverInbox.Batch _spare = new();

    // Set up once the server's clock is known.
    private CallPlan _plan = null!;
    private Roster _roster = null!;
    private CallBook _book = null!;
    private AgentDesktop[] _desktops = [];
    private AgentDesktop[][] _poolDesktops = [];
    private Dictionary<string, AgentDesktop> _desktopsById = [];
    private GatewayLink[] _gateways = [];
    private Dictionary<string, GatewayLink> _gatewaysById = [];
    private int[] _active = [];
    private bool[] _closing = [];
    private int[] _shiftHours = [];
    private MonthProgress _progress = null!;

    private long _startTicks;
    private long _now;
    private long _drainDeadline = long.MaxValue;
    private int _arrivalCursor;
    private long _advances;
    private long _stoppedOnOffer;
    private long _timerInstants;
    private int _shiftCursor;

    public MonthDriver(MonthRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _scenario = options.Scenario;
        _isStale = IsStale;
        var handler = options.HttpHandler ?? new SocketsHttpHandler
        {
            // Kestrel allows 100 concurrent streams per connection; a month has a desktop stream per rostered agent.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        _channel = GrpcChannel.ForAddress(options.Server, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = options.HttpHandler is null,
        });
        _callsClient = new CallRoutingService.CallRoutingServiceClient(_channel);
        _agentsClient = new AgentService.AgentServiceClient(_channel);
        _simulation = new SimulationService.SimulationServiceClient(_channel);
    }

    private DateTimeOffset Start => new(_startTicks, TimeSpan.Zero);

    private bool AllArrived => _arrivalCursor >= _plan.Calls.Length;

    public async Task<MonthRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var serverNow = await SettleAsync(cancellationToken);
        var start = _scenario.Start ?? MonthCalendar.MidnightAtOrAfter(serverNow);
        if (start < serverNow)
        {
            throw new MonthRunException($"The scenario starts at {start:O}, before the server's virtual time {serverNow:O}; leave start out or restart the server.");
        }

        Prepare(new MonthCalendar(_scenario, start));
        try
        {
            await LoopAsync(cancellationToken);
            await LogOutEveryoneAsync();
        }
        finally
        {
            await CloseStreamsAsync();
        }

        _progress.Done(_book, Start.AddTicks(_now), _scenario.Days);
        return ObservationBuilder.Build(this);
    }

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Prepare(MonthCalendar calendar)
    {
        _startTicks = calendar.Start.UtcTicks;
        _plan = CallGenerator.Generate(calendar, _options.Seed);
        _roster = RosterPlanner.Plan(calendar);
        _book = new CallBook(_plan, CallPlan.CallIdPrefix(calendar.Start, _options.Seed));
        _progress = new MonthProgress(_options.Progress, _options.ProgressInterval);

        var pools = _scenario.Pools;
        var desktops = new List<AgentDesktop>();
        _poolDesktops = new AgentDesktop[pools.Count][];
        for (var p = 0; p < pools.Count; p++)
        {
            _poolDesktops[p] = new AgentDesktop[_roster.MaxAgents[p]];
            for (var n = 0; n < _poolDesktops[p].Length; n++)
            {
                var desktop = new AgentDesktop(desktops.Count, p, pools[p], n + 1, _inbox, _latency, _replies);
                _poolDesktops[p][n] = desktop;
                desktops.Add(desktop);
            }
        }

        _desktops = [.. desktops];
        _desktopsById = _desktops.ToDictionary(d => d.AgentId, StringComparer.Ordinal);
        _active = new int[pools.Count];
        _closing = new bool[pools.Count];
        _shiftHours = ShiftHours(_roster);

        _gateways = new GatewayLink[_scenario.Gateways];
        for (var g = 0; g < _gateways.Length; g++)
        {
            _gateways[g] = new GatewayLink(g, $"sim-gateway-{g + 1}", _inbox);
            _gateways[g].Open(_callsClient);
        }

        _gatewaysById = _gateways.ToDictionary(g => g.GatewayId, StringComparer.Ordinal);
        if (_plan.Calls.Length > 0)
        {
            _drainDeadline = (_plan.Calls[^1].ArrivalMs * TicksPerMs) + _scenario.DrainLimit.Ticks;
        }
    }

    /// <summary>Hours of the run at which some pool's roster changes.</summary>
    private static int[] ShiftHours(Roster roster)
    {
        var hours = new List<int>();
        for (var h = 0; h < roster.Hours; h++)
        {
            for (var p = 0; p < roster.Pools.Count; p++)
            {
                if (roster.Agents(p, h) != roster.Agents(p, h - 1))
                {
                    hours.Add(h);
                    break;
                }
            }
        }

        return [.. hours];
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (AllArrived && (_book.Open == 0 || _now >= _drainDeadline))
            {
                return;
            }

            var next = NextActionTicks();
            var target = AllArrived ? Math.Min(next, _drainDeadline) : next;
            target = Math.Max(target, _now);

            // Only a waiting caller can be offered to an agent by a timer (a wrap-up ending, an overflow step); with
            // nobody waiting the clock can go straight to the next action.
            _advance.StopOnOffer = _book.Waiting > 0;
            await AdvanceAsync(target, cancellationToken);
            await ProcessInboxAsync();
            if (LogOutClosingLeavers())
            {
                await ProcessInboxAsync();
            }

            foreach (var gateway in _gateways)
            {
                gateway.Acknowledge(force: false);
            }

            if (_now == target)
            {
                await RunDueActionsAsync(cancellationToken);
            }

            _progress.Tick(_book, Start.AddTicks(_now), _scenario.Days);
        }
    }

    private long NextActionTicks()
    {
        // Most patience expiries belong to callers answered long before: skipping them saves an advance per call.
        _agenda.DropStale(_isStale);
        var next = _agenda.NextTicks;
        if (!AllArrived)
        {
            next = Math.Min(next, _plan.Calls[_arrivalCursor].ArrivalMs * TicksPerMs);
        }

        if (_shiftCursor < _shiftHours.Length)
        {
            next = Math.Min(next, _shiftHours[_shiftCursor] * TimeSpan.TicksPerHour);
        }

        return next;
    }

    private bool IsStale(HarnessAction action) => action.Kind == HarnessActionKind.PatienceExpiry
        ? _book.Status[action.Call] != CallStatus.Waiting
        : _book.Status[action.Call] != CallStatus.Connected || _book.Answers[action.Call] != action.Answer;

    /// <summary>Asks the server for its time without moving it (also a barrier); refuses a server not in simulation mode.</summary>
    private async Task<DateTimeOffset> SettleAsync(CancellationToken cancellationToken)
    {
        var response = await CallAdvanceAsync(_barrier, cancellationToken);
        return response.Now.ToDateTimeOffset();
    }

    private async Task AdvanceAsync(long target, CancellationToken cancellationToken)
    {
        var until = Start.AddTicks(target);
        _advance.Until.Seconds = until.ToUnixTimeSeconds();
        _advance.Until.Nanos = (int)(until.UtcTicks % TimeSpan.TicksPerSecond * 100);
        var response = await CallAdvanceAsync(_advance, cancellationToken);
        _advances++;
        _stoppedOnOffer += response.StoppedOnOffer ? 1 : 0;
        _timerInstants += response.TimerInstants;
        var now = response.Now.ToDateTimeOffset().UtcTicks - _startTicks;
        if (now < _now)
        {
            throw new MonthRunException("The server's virtual clock went backwards; is another harness driving the same server?");
        }

        _now = now;
        await AwaitWatermarksAsync(response);
    }

    /// <summary>Waits until every stream the server wrote to since its previous answer has been read that far.</summary>
    private async Task AwaitWatermarksAsync(AdvanceClockResponse response)
    {
        foreach (var watermark in response.Watermarks)
        {
            var seen = watermark.SessionCase switch
            {
                SessionWatermark.SessionOneofCase.AgentId => _desktopsById.GetValueOrDefault(watermark.AgentId)?.Seen,
                SessionWatermark.SessionOneofCase.GatewayId => _gatewaysById.GetValueOrDefault(watermark.GatewayId)?.Seen,
                _ => null,
            };
            if (seen is null)
            {
                _inbox.Problem("watermark for a session this harness does not own");
                continue;
            }

            seen.Await(watermark.EventSequence, _watermarks);
        }

        await WaitAsync(_watermarks, "the agent and gateway streams to deliver what the server wrote");
    }

    private async Task<AdvanceClockResponse> CallAdvanceAsync(AdvanceClockRequest request, CancellationToken cancellationToken)
    {
        var started = RpcLatencyRecorder.Now();
        try
        {
            using var call = _simulation.AdvanceClockAsync(request, cancellationToken: cancellationToken);
            var response = await call.ResponseAsync;
            _latency.Record(RpcKind.AdvanceClock, started);
            return response;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            throw new MonthRunException(
                $"The server at {_options.Server} is not in simulation mode: start it with --Routing:Simulation:Enabled=true (AdvanceClock refused: {e.Status.Detail})",
                e);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Unimplemented or StatusCode.DeadlineExceeded)
        {
            throw new MonthRunException($"Cannot drive the server at {_options.Server}: {e.StatusCode} ({e.Status.Detail}). Is it running, in simulation mode?", e);
        }
    }

    private async Task WaitAsync(Countdown countdown, string what)
    {
        try
        {
            await countdown.WaitAsync().WaitAsync(_options.StallTimeout);
        }
        catch (TimeoutException e)
        {
            countdown.Abandon();
            throw new MonthRunException($"Stalled at {Start.AddTicks(_now):O}: waited {_options.StallTimeout.TotalSeconds:0} s of wall time for {what}.", e);
        }
    }

    private async Task LogOutEveryoneAsync()
    {
        foreach (var desktop in _desktops)
        {
            if (desktop.State != DesktopState.LoggedOut)
            {
                LogOut(desktop);
            }
        }

        await ProcessInboxAsync();
        await SettleAsync(CancellationToken.None);
    }

    private async Task CloseStreamsAsync()
    {
        foreach (var desktop in _desktops)
        {
            await desktop.CloseAsync();
        }

        foreach (var gateway in _gateways)
        {
            await gateway.CloseAsync();
        }
    }
}
