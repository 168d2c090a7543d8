using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Routing.Core.Configuration;
using Routing.Core.Triage;
using Routing.Runtime;
using Routing.Server;

namespace Routing.GrpcBench;

/// <summary>A server hosted in this process on a free loopback port, speaking HTTP/2 without TLS (h2c).</summary>
internal sealed class HostedServer : IAsyncDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly string? _dataDirectory;
    private bool _disposed;

    private HostedServer(WebApplication app, Uri address, int connections, string? dataDirectory)
    {
        App = app;
        _dataDirectory = dataDirectory;
        Address = address;
        _channels = new GrpcChannel[connections];
        for (var i = 0; i < connections; i++)
        {
            _channels[i] = GrpcChannel.ForAddress(address, new GrpcChannelOptions
            {
                // One handler per channel, so each channel is its own HTTP/2 connection.
                HttpHandler = new SocketsHttpHandler
                {
                    EnableMultipleHttp2Connections = false,
                    PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                },
                DisposeHttpClient = true,
            });
        }
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>Channel for caller <paramref name="i"/>: callers are spread round-robin over the connections.</summary>
    public GrpcChannel Channel(int i) => _channels[i % _channels.Length];

    /// <summary>
    /// The bare echo service: AddGrpc, one service, nothing else; its DurableEcho appends to a fresh SQLite file under
    /// <paramref name="dataRoot"/> (deleted on dispose), <paramref name="durableRows"/> rows of
    /// <paramref name="durableBytes"/> bytes per request (0: the request's payload).
    /// </summary>
    public static async Task<HostedServer> StartEchoAsync(int connections, string dataRoot, int durableRows, int durableBytes)
    {
        var dataDirectory = NewDataDirectory(dataRoot, "echo");
        var builder = CreateBuilder(new Dictionary<string, string?>());
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_ => new DurableEchoLog(Path.Combine(dataDirectory, "echo.db"), durableRows, durableBytes));
        var app = builder.Build();
        app.MapGrpcService<EchoServiceImpl>();
        return await StartAsync(app, connections, dataDirectory);
    }

    /// <summary>
    /// The real Routing server, composed exactly as src/Routing.Server/Program.cs does (RoutingServer.ConfigureServices
    /// and MapEndpoints), with the server's own appsettings.json "Routing" section (queues, roster) and overrides.
    /// </summary>
    /// <param name="connections">HTTP/2 connections the clients get.</param>
    /// <param name="journal">Routing:Storage:Journal, or null for the server's default.</param>
    /// <param name="dataRoot">Where this server's fresh SQLite file goes (a new directory, deleted on dispose).</param>
    public static async Task<HostedServer> StartRoutingAsync(int connections, string? journal, string dataRoot)
    {
        var dataDirectory = NewDataDirectory(dataRoot, "routing");
        var overrides = new Dictionary<string, string?>
        {
            // Never refuse the benchmark's routine offers.
            ["Routing:IntakeCapacity"] = "100000000",

            // A fresh journal: nothing to recover, nothing left behind.
            ["Routing:Storage:Path"] = Path.Combine(dataDirectory, "routing.db"),
        };
        if (journal is not null)
        {
            overrides["Routing:Storage:Journal"] = journal;
        }

        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "routing-appsettings.json"), optional: false)
            .Build()
            .GetSection("Routing")
            .AsEnumerable()
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var builder = CreateBuilder(settings);
        RoutingServer.ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        RoutingServer.MapEndpoints(app);
        return await StartAsync(app, connections, dataDirectory);
    }

    /// <summary>The running Routing server's domain, for in-process probes. Reaches into internals by reflection.</summary>
    public RoutingInternals RoutingInternals()
    {
        var host = App.Services.GetServices<IHostedService>().FirstOrDefault(s => s.GetType().Name == "RoutingHost")
            ?? throw new InvalidOperationException("RoutingHost is not registered; has Routing.Server changed?");
        var domain = host.GetType().GetProperty("Domain")?.GetValue(host) as RoutingDomain;
        var configuration = host.GetType().GetProperty("Configuration")?.GetValue(host);
        var options = configuration?.GetType().GetProperty("Options")?.GetValue(configuration) as RoutingOptions;
        var rules = configuration?.GetType().GetProperty("Rules")?.GetValue(configuration) as TriageRuleSet;
        if (domain is null || options is null || rules is null)
        {
            throw new InvalidOperationException("RoutingHost.Domain / Configuration.Options / Configuration.Rules not found; has Routing.Server changed?");
        }

        return new RoutingInternals(domain, options, rules);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Routing:Storage:Journal as the server runs it.</summary>
    public string JournalKind => App.Configuration["Routing:Storage:Journal"] ?? "Sqlite (default)";

    private static string NewDataDirectory(string dataRoot, string server)
    {
        var directory = Path.Combine(Path.GetFullPath(dataRoot), $"{server}-grpcbench-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });

        // Only what is given here: no appsettings.json endpoints (50051/8080), no environment overrides.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        return builder;
    }

    private static async Task<HostedServer> StartAsync(WebApplication app, int connections, string? dataDirectory)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new HostedServer(app, new Uri(address), connections, dataDirectory);
    }
}

/// <summary>What the in-process probes need from a running Routing server.</summary>
internal sealed record RoutingInternals(RoutingDomain Domain, RoutingOptions Options, TriageRuleSet Rules);
