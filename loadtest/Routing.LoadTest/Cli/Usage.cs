namespace Routing.LoadTest.Cli;

/// <summary>The --help text.</summary>
internal static class Usage
{
    public const string Text = """
        Routing.LoadTest: drive the real routing engine on virtual time and compare with Erlang C / Erlang A.

        usage:
          simulate --calls-per-hour N --aht SECONDS --agents N --threshold SECONDS
                   [--patience SECONDS] [--calls N] [--seed N]
                   [--handle-time exponential|lognormal] [--handle-cv CV] [--warmup FRACTION]
          staffing --calls N1,N2,... --aht SECONDS --target FRACTION --threshold SECONDS
                   [--interval-minutes M] [--patience SECONDS] [--calls-per-sim N] [--seed N]
                   [--handle-time exponential|lognormal] [--handle-cv CV]

        simulate
          Poisson arrivals at --calls-per-hour into one queue with --agents agents; handle times with mean --aht
          (exponential by default; lognormal with --handle-cv, default 0.6); with --patience, callers hang up after
          an exponential patience of that mean. Runs --calls arrivals (default 500000, seed 1, first --warmup = 1%
          not measured) and prints one JSON object: serviceLevel (answered within --threshold / all arrivals),
          serviceLevelHalfWidth95 (batch means), probabilityOfWait, asa (mean queue time over all arrivals, seconds),
          abandonRate, calls, the Erlang C prediction (Erlang A with --patience) for the same inputs, the handle-time
          distribution, seed and elapsedSeconds. Progress goes to stderr.

        staffing
          For each interval's forecast calls (--calls, comma-separated; --interval-minutes long, default 30) prints
          the fewest agents whose Erlang C (Erlang A with --patience) service level meets --target within
          --threshold, that predicted level, and the level simulated at that staffing (--calls-per-sim arrivals,
          default 50000), as a JSON array.

        examples:
          simulate --calls-per-hour 200 --aht 180 --agents 14 --threshold 20
          simulate --calls-per-hour 200 --aht 180 --agents 14 --threshold 20 --patience 300
          staffing --interval-minutes 30 --calls 100,140,120 --aht 180 --target 0.8 --threshold 20

        exit codes: 0 success, 1 failure, 2 bad arguments.
        """;
}
