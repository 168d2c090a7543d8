using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Routing.Server.Agents;
using Routing.Server.Audit;
using Routing.Server.Calls;
using Routing.Server.Configuration;
using Routing.Server.Gateways;
using Routing.Server.Hosting;
using Routing.Server.Observability;
using Routing.Server.Simulation;
using Routing.Server.Stats;

namespace Routing.Server;

/// <summary>Composition of the gRPC host; shared with the tests, which host the same server in process.</summary>
public static class RoutingServer
{
    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        SimulationServices.Add(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RoutingServerOptions>()
            .Bind(configuration.GetSection(RoutingServerOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RoutingServerOptions>, RoutingServerOptionsValidator>();

        services.AddSingleton<RoutingHost>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingHost>());
        services.AddSingleton<AgentSessionRegistry>();
        services.AddSingleton<GatewayRegistry>();
        services.AddSingleton<StatsHub>();
        services.AddSingleton<IntakeGate>();
        services.AddSingleton<RoutingMetrics>();
        services.AddSingleton<EventFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<EventFanout>());
        services.AddHostedService<StatsTicker>();
        services.AddHostedService<PositionAnnouncer>();
        services.AddSingleton<AgentPresence>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentPresence>());
        services.AddSingleton<RpcMetricsInterceptor>();

        services.AddGrpc(o =>
        {
            o.Interceptors.Add<RpcMetricsInterceptor>();
            o.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks()
            .AddCheck("routing-domain", () => HealthCheckResult.Healthy(), tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(RoutingMetrics.MeterName)
            .AddPrometheusExporter());
    }

    public static void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<CallRoutingGrpcService>();
        app.MapGrpcService<AgentGrpcService>();
        app.MapGrpcService<QueueStatsGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<SimulationGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapHealthChecks("/healthz");
        app.MapPrometheusScrapingEndpoint();
        app.MapGet("/", () => "Routing: gRPC (h2c) on the gRPC endpoint; /healthz and /metrics here.");

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var grpc = app.Configuration["Kestrel:Endpoints:Grpc:Url"] ?? string.Join(", ", addresses);
            var http = app.Configuration["Kestrel:Endpoints:Http:Url"] ?? string.Join(", ", addresses);
            Log.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Routing.Server"), grpc, http);
        });
    }
}
