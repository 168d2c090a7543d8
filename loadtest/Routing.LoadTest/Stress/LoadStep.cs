namespace Routing.LoadTest.Stress;

/// <summary>
/// One stretch of load at a fixed offered rate: <see cref="Warmup"/> unmeasured, then <see cref="Measured"/>
/// measured, back to back at the same rate.
/// </summary>
internal sealed record LoadStep(int Index, double Rate, TimeSpan Warmup, TimeSpan Measured)
{
    public TimeSpan Length => Warmup + Measured;
}
