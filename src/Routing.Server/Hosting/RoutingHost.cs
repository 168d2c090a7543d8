using System.Diagnostics;
using Microsoft.Extensions.Options;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Engine;
using Routing.Core.Statistics;
using Routing.Runtime;
using Routing.Server.Configuration;
using Routing.Server.Observability;
using Routing.Storage;

namespace Routing.Server.Hosting;

/// <summary>
/// Owns the routing domain for the process: builds the engine from validated configuration, runs the runtime loop
/// and the event fan-out, and stops them cleanly (streams end, in-flight commands finish) on shutdown.
/// </summary>
internal sealed class RoutingHost : IHostedService, IAsyncDisposable
{
    private readonly ILogger<RoutingHost> _logger;
    private readonly ILoggerFactory _loggerFactory;
    private RoutingDomain? _domain;

    public RoutingHost(IOptions<RoutingServerOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = loggerFactory.CreateLogger<RoutingHost>();
        _loggerFactory = loggerFactory;
        Time = time;
        Configuration = RoutingConfiguration.Build(options.Value, out var errors);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(RoutingServerOptions.SectionName, typeof(RoutingServerOptions), errors);
        }

        var storage = Configuration.Server.Storage;
        if (storage.Journal.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            Journal = new InMemoryEventJournal();
            Engine = new RoutingEngine(Configuration.Options, Configuration.Rules, time);
        }
        else
        {
            // Recovery: the state is the journal replayed. Queued calls keep their arrival, urgency and place; timers
            // come back with it, and a deadline that passed while the server was down fires at the first tick.
            var started = Stopwatch.GetTimestamp();
            var journal = new SqliteEventJournal(storage.Path);
            Journal = journal;
            DatabasePath = storage.Path;
            var state = JournalReplay.RebuildAsync(journal, Configuration.Options).GetAwaiter().GetResult();
            RecoveredSequence = state.LastSequence;
            RecoveredAgents = state.Agents.Where(a => a.Status != AgentStatus.LoggedOut).Select(a => a.Id).ToArray();
            Engine = new RoutingEngine(state, Configuration.Rules, time);
            Log.Recovered(_logger, RecoveredSequence, state.Calls.Count(c => c.Place != CallPlace.Ended), RecoveredAgents.Count, Stopwatch.GetElapsedTime(started));
        }

        Statistics = new ServiceLevelStatistics(StatisticsOptions.For(Configuration.Options));
        if (Configuration.Server.Simulation.Enabled)
        {
            // One unmistakable line: an operator must never take a simulated server for a live one.
            Log.SimulationMode(_logger, time.GetUtcNow(), DatabasePath is null ? "InMemory (nothing is kept)" : $"Sqlite at {DatabasePath}");
        }
    }

    public RoutingConfiguration Configuration { get; }

    public TimeProvider Time { get; }

    public IEventJournal Journal { get; }

    /// <summary>The SQLite file when the journal is durable; null in memory.</summary>
    public string? DatabasePath { get; }

    /// <summary>Last event recovered from the journal at start: history up to here is not re-sent to desktops or gateways.</summary>
    public long RecoveredSequence { get; }

    /// <summary>Agents logged in when the server went down; their sessions are gone, so they get the grace period.</summary>
    public IReadOnlyList<string> RecoveredAgents { get; } = [];

    /// <summary>Owned by the domain loop once started; read it only through commands.</summary>
    private RoutingEngine Engine { get; }

    /// <summary>Owned by the fan-out (under <see cref="Stats.StatsHub"/>'s lock).</summary>
    public ServiceLevelStatistics Statistics { get; }

    public RoutingDomain Domain => _domain ?? throw new InvalidOperationException("The routing domain has not started.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _domain = new RoutingDomain(Engine, Journal, Time, new RoutingDomainOptions { Name = "default" }, _loggerFactory.CreateLogger<RoutingDomain>());
        Log.DomainStarted(_logger, Configuration.Options.Queues.Count, Configuration.Rules.Version, Configuration.Roster.Count);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_domain is not null)
        {
            await _domain.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_domain is not null)
        {
            await _domain.DisposeAsync();
        }

        (Journal as IDisposable)?.Dispose();
    }
}
