namespace Routing.LoadTest.Month;

/// <summary>How a duration (handle time, patience) is drawn.</summary>
internal enum DurationDistribution
{
    /// <summary>Closer to real talk times and patience than the exponential (no mass piled up near zero).</summary>
    Lognormal = 0,

    /// <summary>Memoryless; use it to compare with Erlang A, whose patience is exponential.</summary>
    Exponential = 1,
}

/// <summary>A duration distribution given by its mean and standard deviation in seconds (the figures people quote).</summary>
/// <param name="SdSeconds">Standard deviation; ignored for the exponential, whose standard deviation is its mean.</param>
internal sealed record DurationSpec(DurationDistribution Distribution, double MeanSeconds, double SdSeconds)
{
    /// <summary>σ of the underlying normal: σ² = ln(1 + sd²/mean²).</summary>
    public double LogSigma => Math.Sqrt(Math.Log(1.0 + (SdSeconds * SdSeconds / (MeanSeconds * MeanSeconds))));

    /// <summary>μ of the underlying normal: ln(mean) − σ²/2, so the lognormal's mean is exactly MeanSeconds.</summary>
    public double LogMu => Math.Log(MeanSeconds) - (LogSigma * LogSigma / 2.0);

    /// <summary>One draw in seconds. Box–Muller from two uniforms (1 − U keeps the logarithm finite).</summary>
    public double SampleSeconds(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Distribution == DurationDistribution.Exponential)
        {
            return -Math.Log(1.0 - random.NextDouble()) * MeanSeconds;
        }

        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
        var normal = radius * Math.Cos(2.0 * Math.PI * random.NextDouble());
        return Math.Exp(LogMu + (LogSigma * normal));
    }
}
