using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Routing.Core.Events;
using Routing.Server.Hosting;
using Routing.V1;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// The real server (RoutingServer.ConfigureServices and MapEndpoints, the shipped appsettings.json) hosted in process
/// on TestServer, on virtual time, reached over real gRPC through the generated clients.
/// </summary>
internal sealed class RoutingTestHost : IAsyncDisposable
{
    /// <summary>
    /// Each test gets its own journal in memory: the shipped default (SQLite under the working directory) would be
    /// shared by tests running in parallel and would outlive them. A test can still override it.
    /// </summary>
    private static readonly (string Key, string Value)[] TestDefaults = [("Routing:Storage:Journal", "InMemory")];

    private readonly WebApplication _app;
    private bool _stopped;

    private RoutingTestHost(WebApplication app, TestClock clock, GrpcChannel channel)
    {
        _app = app;
        Clock = clock;
        Channel = channel;
        Calls = new CallRoutingService.CallRoutingServiceClient(channel);
        Agents = new AgentService.AgentServiceClient(channel);
        Stats = new QueueStatsService.QueueStatsServiceClient(channel);
        Audit = new AuditService.AuditServiceClient(channel);
    }

    public TestClock Clock { get; }

    public GrpcChannel Channel { get; }

    public CallRoutingService.CallRoutingServiceClient Calls { get; }

    public AgentService.AgentServiceClient Agents { get; }

    public QueueStatsService.QueueStatsServiceClient Stats { get; }

    public AuditService.AuditServiceClient Audit { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the server logged, in memory.</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogCollector Logs => _app.Services.GetRequiredService<Microsoft.Extensions.Logging.Testing.FakeLogCollector>();

    /// <summary>Starts a server; <paramref name="settings"/> override appsettings.json (e.g. "Routing:AgentGracePeriod").</summary>
    public static async Task<RoutingTestHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseTestServer();

        // Only the shipped defaults plus the test's overrides: no environment variables or user files leak in.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false);
        var defaults = TestDefaults.Where(d => !settings.Any(s => string.Equals(s.Key, d.Key, StringComparison.OrdinalIgnoreCase)));
        builder.Configuration.AddInMemoryCollection(defaults.Concat(settings).Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Wait.Timeout);

        // Registered before ConfigureServices, whose TryAddSingleton then keeps it.
        var clock = new TestClock();
        builder.Services.AddSingleton<TimeProvider>(clock);
        RoutingServer.ConfigureServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        RoutingServer.MapEndpoints(app);
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = app.GetTestServer().CreateHandler(),
            DisposeHttpClient = true,
        });
        return new RoutingTestHost(app, clock, channel);
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Every event the domain made durable so far (the journal is written before any caller hears back).</summary>
    public async Task<List<RoutingEvent>> JournalAsync()
    {
        var events = new List<RoutingEvent>();
        await foreach (var e in Service<RoutingHost>().Journal.ReadAllAsync(1, CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>Waits until the domain has published an event matching <paramref name="match"/> (already or later).</summary>
    public async Task<T> WaitForEventAsync<T>(Func<T, bool> match, string what)
        where T : RoutingEvent
    {
        using var subscription = Service<RoutingHost>().Domain.Subscribe(1);
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        try
        {
            await foreach (var e in subscription.Reader.ReadAllAsync(timeout.Token))
            {
                if (e is T wanted && match(wanted))
                {
                    return wanted;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new Xunit.Sdk.XunitException($"The domain published no {what} within {Wait.Timeout.TotalSeconds} s.");
    }

    /// <summary>Stops the host as the process would on SIGTERM; bounded so a hang fails the test.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Wait.For(_app.StopAsync(), "the host to stop");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Channel.Dispose();
        await _app.DisposeAsync();
    }
}
