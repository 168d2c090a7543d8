using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Routing.Server.Configuration;

namespace Routing.Server.Simulation;

/// <summary>Registers simulation mode: the virtual clock when it is on, and the settle hooks and AdvanceClock always.</summary>
internal static class SimulationServices
{
    public const string JournalKey = RoutingServerOptions.SectionName + ":Storage:Journal";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SettleTracker>();
        services.AddSingleton<ClockAdvancer>();

        // A simulated month must never land in a real center's audit journal (data/routing.db): in simulation mode the
        // journal is in memory unless the operator chose one explicitly.
        services.PostConfigure<RoutingServerOptions>(options =>
        {
            if (options.Simulation.Enabled && configuration[JournalKey] is null)
            {
                options.Storage.Journal = "InMemory";
            }
        });

        // A malformed value is left to the options binder, which names the key when the server starts.
        if (!bool.TryParse(configuration[SimulationSettings.EnabledKey], out var enabled) || !enabled)
        {
            return;
        }

        // The whole server then runs on the virtual clock: the domain's timer, grace periods, announcements and
        // statistics are all created on it. It replaces any clock registered before, a test's included, because only
        // this one can be advanced.
        services.AddSingleton(sp => new VirtualClock(sp.GetRequiredService<IOptions<RoutingServerOptions>>().Value.Simulation.Start));
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualClock>());
    }
}
