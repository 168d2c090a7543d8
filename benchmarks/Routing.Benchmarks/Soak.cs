using System.Diagnostics;
using System.Globalization;
using Routing.Core.Calls;
using Routing.Core.Commands;

namespace Routing.Benchmarks;

/// <summary>
/// `-- soak [lifecycles]`: millions of lifecycles on one domain, without BenchmarkDotNet, printing throughput and
/// what the domain holds (pending timers, calls, heap) as it goes. Checks that nothing grows per operation that
/// should not, and gives a plain lifecycles-per-second figure on one thread.
/// </summary>
public static class Soak
{
    public static void Run(int lifecycles, int waitingCalls, int agents)
    {
        var (engine, clock) = Scenario.NewEngine();
        Scenario.LogInReady(engine, clock, agents);
        for (var i = 0; i < waitingCalls; i++)
        {
            Scenario.Offer(engine, clock, Scenario.CallId("W", i), Scenario.Billing, CallPlace.Queued);
        }

        var endWrapUps = new EndWrapUp[agents];
        for (var a = 0; a < agents; a++)
        {
            endWrapUps[a] = new EndWrapUp(Scenario.AgentId(a));
        }

        const int Batch = 250_000;
        var commands = new RoutingCommand[Batch * 3];
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"soak: {lifecycles:N0} lifecycles, {waitingCalls:N0} waiting calls, {agents:N0} agents, {Scenario.Step.TotalMilliseconds} ms virtual time per command"));
        var total = Stopwatch.StartNew();
        var measured = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        for (var done = 0; done < lifecycles; done += Batch)
        {
            // Commands for the next batch are built outside the timed part.
            for (var k = 0; k < Batch; k++)
            {
                var callId = Scenario.CallId("L", done + k);
                var agentId = Scenario.AgentId((done + k) % agents);
                commands[(3 * k) + 0] = new OfferCall(callId, Scenario.Scheduling);
                commands[(3 * k) + 1] = new AcceptOffer(agentId, callId);
                commands[(3 * k) + 2] = new CompleteCall(agentId, callId);
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var pausedBefore = GC.GetTotalPauseDuration();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var batch = Stopwatch.StartNew();
            for (var k = 0; k < Batch; k++)
            {
                Execute(commands[(3 * k) + 0]);
                Execute(commands[(3 * k) + 1]);
                Execute(commands[(3 * k) + 2]);
                Execute(endWrapUps[(done + k) % agents]);
            }

            batch.Stop();
            process.Refresh();
            measured += batch.Elapsed;
            cpu += process.TotalProcessorTime - cpuBefore;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Batch;
            var paused = (GC.GetTotalPauseDuration() - pausedBefore) / batch.Elapsed;
            Console.WriteLine(string.Create(c, $"  {done + Batch,12:N0} lifecycles  {Batch / batch.Elapsed.TotalSeconds,12:N0}/s  pending timers {engine.PendingTimerCount,8:N0}  calls held {engine.State.Calls.Count,12:N0}  heap {GC.GetTotalMemory(false) / (1024 * 1024),6:N0} MiB  {allocated:N0} B/lifecycle  GC pauses {paused:P0}  gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        }

        // CPU time (the whole process: the engine's thread and the GC) is the steadier figure on a shared machine.
        Console.WriteLine(string.Create(c, $"soak: {lifecycles / measured.TotalSeconds:N0} lifecycles/s over the timed parts, {lifecycles / cpu.TotalSeconds:N0} per CPU-second ({total.Elapsed.TotalSeconds:N1} s in all)"));

        void Execute(RoutingCommand command)
        {
            clock.Advance(Scenario.Step);
            var result = engine.Execute(command);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"{command} failed: {result.Error}");
            }
        }
    }
}
