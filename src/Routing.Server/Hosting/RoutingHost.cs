using Microsoft.Extensions.Options;
using Routing.Core.Engine;
using Routing.Core.Statistics;
using Routing.Runtime;
using Routing.Server.Configuration;
using Routing.Server.Observability;

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

        Journal = new InMemoryEventJournal();
        Engine = new RoutingEngine(Configuration.Options, Configuration.Rules, time);
        Statistics = new ServiceLevelStatistics(StatisticsOptions.For(Configuration.Options));
    }

    public RoutingConfiguration Configuration { get; }

    public TimeProvider Time { get; }

    public IEventJournal Journal { get; }

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
    }
}
