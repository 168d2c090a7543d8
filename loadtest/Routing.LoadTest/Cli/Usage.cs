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
          month    [--server URL] [--scenario FILE|standard|understaffed-clinicians|small] [--seed N] [--out DIR]   (see Month/README.md)
          stress   [--server URL] [--rate N | --steps N1,N2,...] [--find-max [--growth F] [--max-steps N]]
                   [--step-seconds S] [--warmup-seconds S] [--prime-seconds S] [--arrivals poisson|constant]
                   [--seed N] [--mix standard|routine] [--gateways N] [--agents N] [--clinicians N]
                   [--handle-ms MS] [--patience-seconds S] [--max-in-flight N] [--timeout-seconds S]
                   [--p99-ms MS] [--max-errors FRACTION] [--server-pid PID] [--out DIR]

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

        stress
          Drives a running Routing server (default http://127.0.0.1:50051) over gRPC in real time: OfferCall sent
          open loop at each step's rate (Poisson arrivals by default), latency from each call's intended send time.
          Fixed --steps (default 6.5,65,650 calls/s: 10x, 100x, 1000x the month's peak hour) or --rate; with
          --find-max, climbs from --rate (default 100) by --growth (1.5) then bisects to the highest rate with p99 <=
          --p99-ms (10) and errors <= --max-errors (0.01). First --prime-seconds (10) at the first rate, unmeasured;
          then each step: --warmup-seconds (2) unmeasured, then --step-seconds (10) measured. Gateway sessions
          acknowledge instructions; --agents (50) non-clinical desks and --clinicians (5, roster ids) answer calls
          after --handle-ms (1000); routine callers hang up after --patience-seconds (2; 0 never). Writes
          stress.json, stress-summary.txt and stress-latency.svg into --out (default ./stress-report) and prints the
          table; progress on stderr. --server-pid reports the server's CPU share apart from other processes'.
          See Stress/README.md.

        examples:
          simulate --calls-per-hour 200 --aht 180 --agents 14 --threshold 20
          simulate --calls-per-hour 200 --aht 180 --agents 14 --threshold 20 --patience 300
          staffing --interval-minutes 30 --calls 100,140,120 --aht 180 --target 0.8 --threshold 20
          stress --find-max --p99-ms 10

        exit codes: 0 success, 1 failure, 2 bad arguments.
        """;
}
