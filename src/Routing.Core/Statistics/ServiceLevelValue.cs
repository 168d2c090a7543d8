namespace Routing.Core.Statistics;

/// <summary>One service-level figure under one named definition (<see cref="ServiceLevelDefinitions"/>).</summary>
/// <param name="DefinitionName">Which formula produced <see cref="Value"/>.</param>
/// <param name="Threshold">
/// T, the queue's SLA threshold. Null only for a figure merged over queues whose thresholds differ (each call was
/// still judged against its own queue's T).
/// </param>
/// <param name="Target">The queue's configured target fraction; null when merged over queues whose targets differ.</param>
/// <param name="Value">The achieved fraction, 0 to 1; null when the denominator is 0.</param>
public sealed record ServiceLevelValue(string DefinitionName, TimeSpan? Threshold, double? Target, double? Value);
