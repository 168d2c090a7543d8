using System.Collections.Frozen;
using Routing.Core.Urgencies;

namespace Routing.Core.Triage;

/// <summary>
/// Where a decided call goes. Clinical classes always go to the clinical queue (scope of practice: only
/// clinicians take clinical calls); everything else goes to the senior line or the reason code's queue.
/// </summary>
internal sealed class TriageRouting
{
    public TriageRouting(
        string clinicalQueueId,
        string defaultQueueId,
        FrozenDictionary<string, string> reasonQueues,
        string? seniorQueueId,
        int? seniorAge)
    {
        ClinicalQueueId = clinicalQueueId;
        DefaultQueueId = defaultQueueId;
        ReasonQueues = reasonQueues;
        SeniorQueueId = seniorQueueId;
        SeniorAge = seniorAge;
        RoutedQueueIds = new[] { clinicalQueueId, defaultQueueId }
            .Concat(reasonQueues.Values)
            .Concat(seniorQueueId is null ? [] : [seniorQueueId])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    public string ClinicalQueueId { get; }

    public string DefaultQueueId { get; }

    /// <summary>Reason code (case-insensitive) to queue id.</summary>
    public FrozenDictionary<string, string> ReasonQueues { get; }

    public string? SeniorQueueId { get; }

    /// <summary>Age from which a caller counts as senior; null when only the senior program counts.</summary>
    public int? SeniorAge { get; }

    /// <summary>Every queue a decision can name, distinct, clinical queue first.</summary>
    public IReadOnlyList<string> RoutedQueueIds { get; }

    public bool IsSenior(TriageInput input) =>
        input.SeniorProgram || (SeniorAge is { } age && input.CallerAge >= age);

    public string QueueFor(Urgency urgency, TriageInput input, bool isSenior)
    {
        if (urgency.IsClinical())
        {
            return ClinicalQueueId;
        }

        if (isSenior && SeniorQueueId is not null)
        {
            return SeniorQueueId;
        }

        return input.ReasonCode is { } reason && ReasonQueues.TryGetValue(reason, out var queue) ? queue : DefaultQueueId;
    }
}
