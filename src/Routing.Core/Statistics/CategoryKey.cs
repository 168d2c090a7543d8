using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>A queue and an urgency class: the breakdown of every interval.</summary>
internal readonly record struct CategoryKey(string QueueId, Urgency Urgency)
{
    /// <summary>Report order: queue id (ordinal), then most urgent first.</summary>
    public static int Compare(CategoryKey a, CategoryKey b)
    {
        var byQueue = string.CompareOrdinal(a.QueueId, b.QueueId);
        return byQueue != 0 ? byQueue : b.Urgency.CompareTo(a.Urgency);
    }
}
