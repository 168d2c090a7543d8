namespace Routing.Server.Calls;

/// <summary>
/// Counts commands in flight from gateways. Past capacity only ROUTINE offers are refused (with retry info);
/// a clinical call is always let in, because refusing it would be the failure this project exists to prevent.
/// </summary>
internal sealed class IntakeGate
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
