namespace Routing.LoadTest.Simulation;

/// <summary>How handle times are drawn. Exponential matches Erlang's assumption; lognormal is closer to real calls.</summary>
internal enum HandleTimeDistribution
{
    Exponential = 0,
    Lognormal = 1,
}
