using Routing.Core.Calls;

namespace Routing.Core.Queues;

/// <summary>
/// Queue order: strictly by urgency class (higher first), then by the aging key (priority plus wait), then by
/// arrival. The same comparer orders every queue, so heads of different queues compare directly: one global order.
/// </summary>
internal sealed class CallOrder : IComparer<Call>
{
    public static readonly CallOrder Instance = new();

    public int Compare(Call? x, Call? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byUrgency = ((int)y.Urgency).CompareTo((int)x.Urgency);
        if (byUrgency != 0)
        {
            return byUrgency;
        }

        var byKey = x.OrderKey.CompareTo(y.OrderKey);
        return byKey != 0 ? byKey : x.ArrivalOrder.CompareTo(y.ArrivalOrder);
    }
}
