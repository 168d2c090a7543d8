using System.Diagnostics;
using System.Globalization;
using Routing.Durability.Tests.Simulation;
using Xunit.Abstractions;

namespace Routing.Durability.Tests;

/// <summary>
/// Issue 5, first done-when item: crash the runtime's journal at random appends under concurrent producers, restart
/// from the durable store alone, and check that every acknowledged command survived as it was acknowledged.
/// </summary>
public sealed class CrashSimulationTests(ITestOutputHelper output)
{
    private const int DeterministicSeeds = 240;
    private const int SqliteSeeds = 12;

    [Fact]
    public async Task Every_acknowledged_command_survives_a_crash_at_a_random_append_and_each_seed_replays_identically()
    {
        var watch = Stopwatch.StartNew();
        var violations = new List<string>();
        long commands = 0, acknowledged = 0, refused = 0, lost = 0, events = 0, batches = 0, calls = 0;
        var maxBatch = 0;
        var verifyTime = TimeSpan.Zero;
        var modes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seed = 1; seed <= DeterministicSeeds; seed++)
        {
            var cycles = 1 + (seed % 3);
            using var first = new CrashSimulation(seed, DriveMode.Gated, new MemoryStore(), cycles);
            var stats = await first.RunAsync();
            violations.AddRange(first.Verifier.Violations);

            // Same seed, fresh everything: the same commands, batches, outcomes, crash and durable store.
            using var second = new CrashSimulation(seed, DriveMode.Gated, new MemoryStore(), cycles, verify: false);
            await second.RunAsync();
            if (first.Trace.ToString() != second.Trace.ToString())
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: a second run differed: {FirstDifference(first.Trace.ToString(), second.Trace.ToString())}"));
            }

            verifyTime += first.VerifyTime + second.VerifyTime;
            commands += stats.Commands;
            acknowledged += stats.Acknowledged;
            refused += stats.Refused;
            lost += stats.NotAcknowledged;
            events += stats.DurableEvents;
            batches += stats.Batches;
            calls += stats.CallsAcknowledged;
            maxBatch = Math.Max(maxBatch, stats.MaxBatch);
            foreach (var mode in stats.Crashes.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                modes[mode] = modes.GetValueOrDefault(mode) + 1;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DeterministicSeeds} seeds x 2 runs in {watch.Elapsed.TotalSeconds:F1} s ({verifyTime.TotalSeconds:F1} s checking): {commands} commands, {acknowledged} acknowledged ({refused} refused by the engine), {lost} not acknowledged, {calls} calls created, {events} durable events in {batches} appends (largest {maxBatch} events)"));
        output.WriteLine("crashes: " + string.Join(", ", modes.Select(m => $"{m.Key} {m.Value}")));
        Assert.True(violations.Count == 0, string.Join('\n', violations.Take(20)));
        Assert.True(modes.Count == 2, "both crash modes were exercised");
    }

    [Fact]
    public async Task Free_running_producers_on_threads_lose_nothing_acknowledged()
    {
        var watch = Stopwatch.StartNew();
        var violations = new List<string>();
        long commands = 0, acknowledged = 0, events = 0, batches = 0;
        var maxBatch = 0;
        for (var seed = 1; seed <= 60; seed++)
        {
            using var simulation = new CrashSimulation(seed, DriveMode.FreeRunning, new MemoryStore(), cycles: 2);
            var stats = await simulation.RunAsync();
            violations.AddRange(simulation.Verifier.Violations);
            commands += stats.Commands;
            acknowledged += stats.Acknowledged;
            events += stats.DurableEvents;
            batches += stats.Batches;
            maxBatch = Math.Max(maxBatch, stats.MaxBatch);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"60 seeds in {watch.Elapsed.TotalSeconds:F1} s: {commands} commands, {acknowledged} acknowledged, {events} durable events in {batches} appends (largest {maxBatch} events)"));
        Assert.True(violations.Count == 0, string.Join('\n', violations.Take(20)));
    }

    [Fact]
    public async Task Sqlite_journal_disposed_or_failing_mid_run_reopens_with_every_acknowledged_command()
    {
        var watch = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("routing-durability-");
        var violations = new List<string>();
        var modes = new Dictionary<string, int>(StringComparer.Ordinal);
        long commands = 0, acknowledged = 0, events = 0;
        try
        {
            for (var seed = 1; seed <= SqliteSeeds; seed++)
            {
                var mode = seed % 4 == 0 ? DriveMode.FreeRunning : DriveMode.Gated;
                var path = Path.Combine(directory.FullName, $"seed-{seed}.db");
                using var simulation = new CrashSimulation(seed, mode, new SqliteStore(path), cycles: 3);
                var stats = await simulation.RunAsync();
                violations.AddRange(simulation.Verifier.Violations);
                commands += stats.Commands;
                acknowledged += stats.Acknowledged;
                events += stats.DurableEvents;
                foreach (var crash in stats.Crashes.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    modes[crash] = modes.GetValueOrDefault(crash) + 1;
                }
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{SqliteSeeds} seeds x 3 process lives on SQLite in {watch.Elapsed.TotalSeconds:F1} s: {commands} commands, {acknowledged} acknowledged, {events} durable events"));
        output.WriteLine("crashes: " + string.Join(", ", modes.Select(m => $"{m.Key} {m.Value}")));
        Assert.True(violations.Count == 0, string.Join('\n', violations.Take(20)));
        Assert.True(modes.Count == 3, "every crash mode was exercised");
    }

    private static string FirstDifference(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return $"line {i}: '{x[i]}' vs '{y[i]}'";
            }
        }

        return $"lengths {x.Length} vs {y.Length}";
    }
}
