using Routing.V1;

namespace Routing.Server.Tests.Infrastructure;

internal static class Wallboard
{
    public static UrgencyClassStats Class(WatchQueueStatsResponse message, string queueId, Urgency urgency)
    {
        var queue = Assert.Single(message.Queues, q => q.QueueId == queueId);
        return Assert.Single(queue.Classes, c => c.Urgency == urgency);
    }
}
