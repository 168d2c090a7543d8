namespace Routing.Core.Statistics;

/// <summary>
/// Names of the service-level definitions computed side by side (vendors disagree, so every figure says which one
/// it is). With W = answered within the threshold T:
/// <list type="bullet">
/// <item><see cref="AnsweredOnly"/>: W / answered.</item>
/// <item><see cref="Strict"/>: W / offered; every abandon, callback and still-unanswered call is a miss.</item>
/// <item><see cref="ShortAbandonsExcluded"/>: W / (offered - short abandons), except that short abandons of
/// clinical classes are never excluded, so for those classes it equals <see cref="Strict"/>.</item>
/// </list>
/// </summary>
public static class ServiceLevelDefinitions
{
    public const string AnsweredOnly = "answered-only";

    public const string Strict = "strict";

    public const string ShortAbandonsExcluded = "short-abandons-excluded";

    /// <summary>Every definition, in the order datapoints list them.</summary>
    public static IReadOnlyList<string> All { get; } = [AnsweredOnly, Strict, ShortAbandonsExcluded];
}
