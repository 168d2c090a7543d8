using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Routing.Server;

namespace Routing.LoadTest.Tests.Month;

/// <summary>
/// The real server (RoutingServer.ConfigureServices and MapEndpoints, the shipped appsettings.json) hosted in process on
/// TestServer, in simulation mode unless told otherwise: its clock moves only through AdvanceClock. The harness reaches it
/// over real gRPC through <see cref="Handler"/>.
/// </summary>
internal sealed class SimulationServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulationServer(WebApplication app)
    {
        _app = app;
        Handler = app.GetTestServer().CreateHandler();
    }

    public HttpMessageHandler Handler { get; }

    public static async Task<SimulationServer> StartAsync(bool simulation = true, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false);
        var defaults = new[]
        {
            ("Routing:Storage:Journal", "InMemory"),
            ("Routing:Simulation:Enabled", simulation ? "true" : "false"),
        };
        builder.Configuration.AddInMemoryCollection(defaults.Concat(settings).Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)));
        builder.Logging.ClearProviders();
        RoutingServer.ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        RoutingServer.MapEndpoints(app);
        await app.StartAsync();
        return new SimulationServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
