namespace Routing.LoadTest.Stress;

/// <summary>The kinds of call in a stress mix, named after what triage makes of them.</summary>
internal enum CallKind
{
    Emergency,
    Emergent,
    Scheduling,
    Refill,
    Billing,
}
