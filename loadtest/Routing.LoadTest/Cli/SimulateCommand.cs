using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Routing.LoadTest.Erlang;
using Routing.LoadTest.Simulation;

namespace Routing.LoadTest.Cli;

/// <summary><c>simulate</c>: run the engine on virtual time and print the measures next to Erlang C or Erlang A.</summary>
internal static class SimulateCommand
{
    public const string Name = "simulate";

    private static readonly string[] Known =
    [
        "calls-per-hour", "aht", "agents", "threshold", "patience", "calls", "seed", "handle-time", "handle-cv", "warmup",
    ];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = Parse(args);
        var (prediction, note) = Predict(options);
        var clock = Stopwatch.StartNew();
        var result = new CallCenterSimulation(options).Run((done, total) =>
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulated {done}/{total} calls")));
        clock.Stop();
        stdout.WriteLine(ToJson(result, prediction, note, clock.Elapsed.TotalSeconds));
        return 0;
    }

    public static SimulationOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(Name, args, Known);
        var distribution = reader.Choice("handle-time", "exponential", "exponential", "lognormal");
        var handleTime = distribution == "lognormal" ? HandleTimeDistribution.Lognormal : HandleTimeDistribution.Exponential;
        if (handleTime == HandleTimeDistribution.Exponential && reader.Has("handle-cv"))
        {
            throw new UsageException("--handle-cv applies only to --handle-time lognormal (an exponential's CV is 1)");
        }

        return new SimulationOptions
        {
            CallsPerHour = reader.Double("calls-per-hour", null, 0, exclusive: true, max: 1e7),
            AhtSeconds = reader.Double("aht", null, 0, exclusive: true, max: 86_400),
            Agents = reader.Int("agents", null, 1, 100_000),
            ThresholdSeconds = reader.Double("threshold", null, 0, exclusive: false, max: 86_400),
            PatienceSeconds = reader.OptionalDouble("patience", 0, exclusive: true, max: 1e9),
            Calls = reader.Int("calls", 500_000, 100, 50_000_000),
            Seed = reader.Int("seed", 1, 0),
            HandleTime = handleTime,
            HandleTimeCv = reader.Double("handle-cv", 0.6, 0, exclusive: true, max: 10),
            WarmupFraction = reader.Double("warmup", 0.01, 0, exclusive: false, max: 0.5),
        };
    }

    /// <summary>Erlang A with patience, else Erlang C; null with a note when Erlang C has no steady state.</summary>
    public static (QueuePrediction? Prediction, string? Note) Predict(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PatienceSeconds is { } patience)
        {
            return (new ErlangA(options.CallsPerHour, options.AhtSeconds, options.Agents, patience).Predict(options.ThresholdSeconds), null);
        }

        var model = new ErlangC(options.CallsPerHour, options.AhtSeconds, options.Agents);
        return model.IsStable
            ? (model.Predict(options.ThresholdSeconds), null)
            : (null, string.Create(CultureInfo.InvariantCulture, $"offered load {model.Load:0.###} Erlangs is not below {options.Agents} agents: Erlang C has no steady state (the queue grows without bound)"));
    }

    /// <summary>The result as one JSON object. Leave <paramref name="elapsedSeconds"/> null for a deterministic text.</summary>
    public static string ToJson(SimulationResult result, QueuePrediction? prediction, string? note, double? elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("command", Name);
            w.WriteStartObject("inputs");
            JsonOutput.Number(w, "callsPerHour", o.CallsPerHour);
            JsonOutput.Number(w, "ahtSeconds", o.AhtSeconds);
            w.WriteNumber("agents", o.Agents);
            JsonOutput.Number(w, "thresholdSeconds", o.ThresholdSeconds);
            JsonOutput.Number(w, "patienceSeconds", o.PatienceSeconds);
            JsonOutput.Number(w, "offeredLoadErlangs", o.CallsPerHour / 3600.0 * o.AhtSeconds);
            w.WriteEndObject();

            w.WriteNumber("calls", result.Calls);
            w.WriteNumber("warmupCalls", result.WarmupCalls);
            w.WriteNumber("measuredCalls", result.MeasuredCalls);
            w.WriteString("warmup", string.Create(
                CultureInfo.InvariantCulture,
                $"the first {o.WarmupFraction:0.##%} of arrivals ({result.WarmupCalls} calls, from an empty center) are simulated but left out of every measure"));
            JsonOutput.Number(w, "serviceLevel", result.ServiceLevel);
            JsonOutput.Number(w, "serviceLevelHalfWidth95", result.ServiceLevelHalfWidth95);
            w.WriteNumber("serviceLevelBatches", result.Batches);
            JsonOutput.Number(w, "probabilityOfWait", result.ProbabilityOfWait);
            JsonOutput.Number(w, "asa", result.AsaSeconds);
            JsonOutput.Number(w, "asaAnsweredOverArrivals", result.AsaAnsweredOverArrivalsSeconds);
            JsonOutput.Number(w, "asaAnswered", result.AsaAnsweredSeconds);
            JsonOutput.Number(w, "abandonRate", result.AbandonRate);
            w.WriteNumber("answered", result.Answered);
            w.WriteNumber("answeredWithinThreshold", result.AnsweredWithinThreshold);
            w.WriteNumber("abandoned", result.Abandoned);
            w.WriteNumber("waited", result.Waited);

            JsonOutput.Prediction(w, "prediction", prediction, note);
            w.WriteStartObject("difference");
            if (prediction is not null)
            {
                JsonOutput.Number(w, "serviceLevel", result.ServiceLevel - prediction.ServiceLevel);
                JsonOutput.Number(w, "probabilityOfWait", result.ProbabilityOfWait - prediction.ProbabilityOfWait);
                JsonOutput.Number(w, "asa", result.AsaSeconds - prediction.AsaSeconds);
                JsonOutput.Number(w, "abandonRate", result.AbandonRate - prediction.AbandonRate);
            }

            w.WriteEndObject();

            w.WriteStartObject("handleTime");
            w.WriteString("distribution", o.HandleTime == HandleTimeDistribution.Lognormal ? "lognormal" : "exponential");
            JsonOutput.Number(w, "meanSeconds", o.AhtSeconds);
            JsonOutput.Number(w, "cv", o.EffectiveHandleTimeCv);
            JsonOutput.Number(w, "sampledMeanSeconds", result.SampledMeanHandleSeconds);
            w.WriteEndObject();
            w.WriteString("patience", o.PatienceSeconds is null ? "none (callers never hang up)" : "exponential");

            w.WriteNumber("seed", o.Seed);
            JsonOutput.Number(w, "simulatedHours", result.SimulatedHours);
            w.WriteStartObject("engine");
            w.WriteNumber("commands", result.EngineCommands);
            w.WriteNumber("events", result.EngineEvents);
            w.WriteNumber("anomalies", result.Anomalies);
            w.WriteString("firstAnomaly", result.FirstAnomaly);
            w.WriteEndObject();
            if (elapsedSeconds is { } elapsed)
            {
                JsonOutput.Number(w, "elapsedSeconds", Math.Round(elapsed, 3));
            }

            WriteDefinitions(w);
            w.WriteEndObject();
        });
    }

    private static void WriteDefinitions(Utf8JsonWriter w)
    {
        w.WriteStartObject("definitions");
        w.WriteString("wait", "offer time - arrival time; simulated desktops accept at the offer instant, so ring time is zero");
        w.WriteString("serviceLevel", "answered with wait <= threshold / all measured arrivals (abandons count as misses)");
        w.WriteString("serviceLevelHalfWidth95", "95% confidence half-width of serviceLevel by batch means over consecutive arrivals (Student t)");
        w.WriteString("probabilityOfWait", "arrivals not offered to an agent at their arrival instant / all measured arrivals");
        w.WriteString("asa", "mean time in queue over all measured arrivals, seconds: (waits of answered calls + time abandoned callers waited) / arrivals; equals Lq/lambda, the ASA Erlang C and Erlang A publish (identical to asaAnsweredOverArrivals without patience)");
        w.WriteString("asaAnsweredOverArrivals", "waits of answered calls / all measured arrivals, seconds (abandoned callers' waits left out)");
        w.WriteString("asaAnswered", "waits of answered calls / answered calls, seconds");
        w.WriteString("abandonRate", "callers whose patience ran out before an offer (EndCall CALLER_HUNG_UP) / all measured arrivals");
        w.WriteString("prediction", "Erlang C (no patience) or Erlang A (exponential patience) for the same inputs, same definitions, computed by this tool");
        w.WriteEndObject();
    }
}
