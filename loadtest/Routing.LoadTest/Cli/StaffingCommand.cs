using System.Globalization;
using Routing.LoadTest.Simulation;
using Routing.LoadTest.Staffing;

namespace Routing.LoadTest.Cli;

/// <summary>
/// <c>staffing</c>: agents needed per forecast interval (Erlang C, or Erlang A with patience), then the engine
/// simulated at that staffing, each interval as a stationary stream at its own rate.
/// </summary>
internal static class StaffingCommand
{
    public const string Name = "staffing";

    private static readonly string[] Known =
    [
        "interval-minutes", "calls", "aht", "target", "threshold", "patience", "calls-per-sim", "seed", "handle-time", "handle-cv",
    ];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var reader = new ArgumentReader(Name, args, Known);
        var intervalMinutes = reader.Double("interval-minutes", 30, 0, exclusive: true, max: 1440);
        var calls = reader.DoubleList("calls", 0);
        var planner = new StaffingPlanner(
            reader.Double("aht", null, 0, exclusive: true, max: 86_400),
            reader.Double("threshold", null, 0, exclusive: false, max: 86_400),
            TargetOf(reader),
            reader.OptionalDouble("patience", 0, exclusive: true, max: 1e9));
        var distribution = reader.Choice("handle-time", "exponential", "exponential", "lognormal");
        var handleTime = distribution == "lognormal" ? HandleTimeDistribution.Lognormal : HandleTimeDistribution.Exponential;
        if (handleTime == HandleTimeDistribution.Exponential && reader.Has("handle-cv"))
        {
            throw new UsageException("--handle-cv applies only to --handle-time lognormal (an exponential's CV is 1)");
        }

        var template = new SimulationOptions
        {
            CallsPerHour = 1,
            AhtSeconds = planner.AhtSeconds,
            Agents = 1,
            ThresholdSeconds = planner.ThresholdSeconds,
            PatienceSeconds = planner.PatienceSeconds,
            Calls = reader.Int("calls-per-sim", 50_000, 100, 50_000_000),
            Seed = reader.Int("seed", 1, 0),
            HandleTime = handleTime,
            HandleTimeCv = reader.Double("handle-cv", 0.6, 0, exclusive: true, max: 10),
        };

        var rows = new List<StaffingInterval>(calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            var row = Plan(planner, template, i + 1, calls[i], intervalMinutes);
            stderr.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"interval {i + 1}/{calls.Count}: {calls[i]} calls, {row.Agents} agents, simulated {row.Simulated?.Calls ?? 0} calls"));
            rows.Add(row);
        }

        stdout.WriteLine(ToJson(planner, rows));
        return 0;
    }

    public static StaffingInterval Plan(StaffingPlanner planner, SimulationOptions template, int interval, double calls, double intervalMinutes)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(template);
        var callsPerHour = calls * 60.0 / intervalMinutes;
        var agents = planner.RequiredAgents(callsPerHour);
        if (agents == 0)
        {
            return new StaffingInterval(interval, calls, callsPerHour, 0, null, null, null);
        }

        var prediction = planner.Predict(callsPerHour, agents);
        double? oneFewer = agents > 1 ? planner.ServiceLevel(callsPerHour, agents - 1) : null;
        var simulated = new CallCenterSimulation(template with { CallsPerHour = callsPerHour, Agents = agents }).Run();
        return new StaffingInterval(interval, calls, callsPerHour, agents, prediction, oneFewer, simulated);
    }

    public static string ToJson(StaffingPlanner planner, IReadOnlyList<StaffingInterval> rows)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(rows);
        return JsonOutput.Write(w =>
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("interval", row.Interval);
                JsonOutput.Number(w, "calls", row.Calls);
                JsonOutput.Number(w, "callsPerHour", row.CallsPerHour);
                w.WriteString("model", planner.Model);
                w.WriteNumber("agents", row.Agents);
                JsonOutput.Number(w, "target", planner.Target);
                JsonOutput.Number(w, "thresholdSeconds", planner.ThresholdSeconds);
                JsonOutput.Number(w, "predictedServiceLevel", row.Prediction?.ServiceLevel);
                JsonOutput.Number(w, "predictedServiceLevelWithOneFewer", row.PredictedServiceLevelWithOneFewer);
                JsonOutput.Number(w, "predictedAbandonRate", row.Prediction?.AbandonRate);
                JsonOutput.Number(w, "predictedAsa", row.Prediction?.AsaSeconds);
                JsonOutput.Number(w, "simulatedServiceLevel", row.Simulated?.ServiceLevel);
                JsonOutput.Number(w, "simulatedServiceLevelHalfWidth95", row.Simulated?.ServiceLevelHalfWidth95);
                JsonOutput.Number(w, "simulatedAbandonRate", row.Simulated?.AbandonRate);
                JsonOutput.Number(w, "simulatedAsa", row.Simulated?.AsaSeconds);
                w.WriteNumber("simulatedCalls", row.Simulated?.Calls ?? 0);
                w.WriteNumber("simulatedAnomalies", row.Simulated?.Anomalies ?? 0);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static double TargetOf(ArgumentReader reader)
    {
        var target = reader.Double("target", null, 0, exclusive: true, max: 1);
        return target < 1 ? target : throw new UsageException("--target must be below 1: no finite staffing answers every call within the threshold");
    }
}
