namespace Routing.LoadTest.Erlang;

/// <summary>
/// Erlang A (M/M/N+M: Poisson arrivals, exponential handle times, exponential patience with mean 1/θ), solved
/// numerically. The number in system is a birth-death chain: p(n) ∝ A^n/n! for n ≤ N, and above N each step
/// multiplies by λ / (Nμ + jθ) with j callers queued. The chain is truncated where the terms fall below 1e-17 of
/// the largest, far below anything printed. P(wait) = Σ_{n≥N} p(n) (arrivals see time averages), P(abandon) = θ·Lq/λ,
/// ASA over all arrivals = Lq/λ (which includes the time abandoning callers waited).
/// <para>
/// The service level needs the tagged caller: arriving with j callers queued ahead, they are answered once j + 1
/// departures from the head of the line happened (rate Nμ + iθ with i ahead, Nμ when they are next) before their
/// own patience (rate θ) runs out. u_j(T) = P(answered within T | j ahead) solves a linear ODE that is lower
/// triangular in j, so one uniformized matrix exponential gives every j at once.
/// </para>
/// </summary>
internal sealed class ErlangA
{
    public const string ModelName = "erlang-a";

    /// <summary>Chain terms below this fraction of the largest are dropped.</summary>
    private const double RelativeCutoff = 1e-17;

    /// <summary>The chain is refused beyond this many states (patience so long the queue is effectively unstable).</summary>
    private const int MaxStates = 5_000_000;

    /// <summary>Uniformized blocks are kept at most this long (in expected jumps) so e^{−ΛΔ} never underflows.</summary>
    private const double MaxJumpsPerBlock = 32.0;

    private readonly double[] _p;
    private readonly double _lambda;
    private readonly double _mu;
    private readonly double _theta;

    public ErlangA(double callsPerHour, double ahtSeconds, int agents, double patienceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callsPerHour);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patienceSeconds);
        Agents = agents;
        _lambda = callsPerHour / 3600.0;
        _mu = 1.0 / ahtSeconds;
        _theta = 1.0 / patienceSeconds;
        Load = _lambda / _mu;
        _p = StationaryDistribution(_lambda, _mu, _theta, agents);

        double wait = 0, queueLength = 0;
        for (var n = agents; n < _p.Length; n++)
        {
            wait += _p[n];
            queueLength += (n - agents) * _p[n];
        }

        ProbabilityOfWait = wait;
        MeanQueueLength = queueLength;
    }

    public int Agents { get; }

    /// <summary>Offered load A = λ/μ in Erlangs.</summary>
    public double Load { get; }

    /// <summary>States kept after truncation (number in system 0 .. States − 1).</summary>
    public int States => _p.Length;

    public double ProbabilityOfWait { get; }

    /// <summary>Lq: mean number of callers queued.</summary>
    public double MeanQueueLength { get; }

    public double AbandonRate => _theta * MeanQueueLength / _lambda;

    /// <summary>Mean time in queue over all arrivals (Lq / λ), seconds, abandoning callers' waits included.</summary>
    public double AsaSeconds => MeanQueueLength / _lambda;

    /// <summary>Answered calls' handle time per agent-second: λ(1 − P(abandon)) / (Nμ).</summary>
    public double Occupancy => _lambda * (1.0 - AbandonRate) / (Agents * _mu);

    /// <summary>Probability of the number in system at an arrival instant.</summary>
    public double StateProbability(int n) => n >= 0 && n < _p.Length ? _p[n] : 0.0;

    /// <summary>Answered within <paramref name="thresholdSeconds"/> / all arrivals (abandons are misses).</summary>
    public double ServiceLevel(double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        var answeredAtOnce = 0.0;
        for (var n = 0; n < Agents; n++)
        {
            answeredAtOnce += _p[n];
        }

        var queued = _p.Length - Agents;
        if (queued <= 0 || thresholdSeconds == 0)
        {
            return answeredAtOnce;
        }

        var withinT = AnsweredWithin(queued, thresholdSeconds);
        var sl = answeredAtOnce;
        for (var j = 0; j < queued; j++)
        {
            sl += _p[Agents + j] * withinT[j];
        }

        return sl;
    }

    /// <summary>u_j(T) for j = 0 .. <paramref name="positions"/> − 1 callers ahead: answered within T.</summary>
    public double[] AnsweredWithin(int positions, double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(positions);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        var u = new double[positions];
        if (thresholdSeconds == 0)
        {
            return u;
        }

        // Uniformization rate: the largest total exit rate, from the deepest position (Nμ + jθ ahead, plus own θ).
        var serviceRate = Agents * _mu;
        var uniform = serviceRate + (positions * _theta);
        var blocks = (int)Math.Ceiling(uniform * thresholdSeconds / MaxJumpsPerBlock);
        var jumps = uniform * thresholdSeconds / blocks;
        var scratch = new double[positions];
        var sum = new double[positions];
        for (var b = 0; b < blocks; b++)
        {
            ApplyExponential(u, scratch, sum, jumps, uniform, serviceRate);
        }

        return u;
    }

    public QueuePrediction Predict(double thresholdSeconds) =>
        new(ModelName, ServiceLevel(thresholdSeconds), ProbabilityOfWait, AsaSeconds, AbandonRate, Occupancy);

    /// <summary>
    /// y ← e^{QΔ} y by uniformization: Σ_k Poisson(k; ΛΔ) P^k y with P = I + Q/Λ. The absorbing "answered" state is
    /// the constant 1 below position 0 and "abandoned" the constant 0, so P acts on the positions only.
    /// </summary>
    private void ApplyExponential(double[] y, double[] scratch, double[] sum, double jumps, double uniform, double serviceRate)
    {
        var n = y.Length;
        Array.Clear(sum);
        var current = y;
        var next = scratch;
        var weight = Math.Exp(-jumps);
        var total = 0.0;
        var maxK = (int)(jumps + (12.0 * Math.Sqrt(jumps)) + 40.0);
        for (var k = 0; ; k++)
        {
            for (var i = 0; i < n; i++)
            {
                sum[i] += weight * current[i];
            }

            total += weight;
            if (k >= maxK || (k > jumps && 1.0 - total < 1e-16))
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                var below = i == 0 ? 1.0 : current[i - 1];
                var forward = serviceRate + (i * _theta);
                next[i] = current[i] + (((forward * (below - current[i])) - (_theta * current[i])) / uniform);
            }

            (current, next) = (next, current);
            weight *= jumps / (k + 1);
        }

        Array.Copy(sum, y, n);
    }

    private static double[] StationaryDistribution(double lambda, double mu, double theta, int agents)
    {
        // Log terms relative to p(0), so neither A^n/n! nor the tail overflows; normalized by the largest.
        var logs = new List<double>(agents + 256) { 0.0 };
        var logLoad = Math.Log(lambda / mu);
        var largest = 0.0;
        for (var n = 1; n <= agents; n++)
        {
            var value = logs[n - 1] + logLoad - Math.Log(n);
            logs.Add(value);
            largest = Math.Max(largest, value);
        }

        var cutoff = Math.Log(RelativeCutoff);
        var logLambda = Math.Log(lambda);
        for (var j = 1; ; j++)
        {
            var exit = (agents * mu) + (j * theta);
            var value = logs[^1] + logLambda - Math.Log(exit);
            logs.Add(value);
            largest = Math.Max(largest, value);
            if (lambda < exit && value - largest < cutoff)
            {
                break;
            }

            if (logs.Count > MaxStates)
            {
                throw new InvalidOperationException(
                    $"Erlang A chain needs more than {MaxStates} states (patience too long for a load above the agents); use a shorter patience.");
            }
        }

        var p = new double[logs.Count];
        var total = 0.0;
        for (var n = 0; n < p.Length; n++)
        {
            p[n] = Math.Exp(logs[n] - largest);
            total += p[n];
        }

        for (var n = 0; n < p.Length; n++)
        {
            p[n] /= total;
        }

        return p;
    }
}
