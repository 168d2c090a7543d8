namespace Routing.LoadTest.Stress;

/// <summary>
/// CPU use over a measured window as shares of all cores: the whole machine (from /proc/stat), this process (the
/// load generator), the server when its process id was given (else null), and everything else: other processes on a
/// shared machine, plus the server when it is not measured separately.
/// </summary>
internal sealed record CpuUse(double Machine, double Client, double? Server, double Others);
