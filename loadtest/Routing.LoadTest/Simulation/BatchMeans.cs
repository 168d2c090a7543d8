namespace Routing.LoadTest.Simulation;

/// <summary>
/// Batch means: consecutive measured arrivals are cut into equal batches, each batch's service level is one
/// (nearly independent) observation, and Student's t gives a 95% confidence half-width for their mean.
/// </summary>
internal static class BatchMeans
{
    // Two-sided 95% Student t quantiles (0.975) for 1..30 degrees of freedom.
    private static readonly double[] T975 =
    [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    ];

    /// <summary>Half-width of the 95% interval for the mean of <paramref name="values"/>; null with fewer than 2.</summary>
    public static double? HalfWidth95(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        var degrees = values.Length - 1;
        var t = degrees <= T975.Length ? T975[degrees - 1] : 1.959964;
        return t * Math.Sqrt(squares / degrees / values.Length);
    }
}
