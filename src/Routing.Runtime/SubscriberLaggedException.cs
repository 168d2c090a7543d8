using System.Globalization;

namespace Routing.Runtime;

/// <summary>
/// A subscriber fell further behind than its buffer allows, so its subscription ended rather than skip events.
/// Every event up to <see cref="LastDeliveredSequence"/> was delivered; subscribe again from <see cref="ResumeFrom"/>.
/// </summary>
public sealed class SubscriberLaggedException : Exception
{
    public SubscriberLaggedException(long lastDeliveredSequence)
        : base(string.Create(CultureInfo.InvariantCulture, $"The subscriber fell behind and was disconnected after event {lastDeliveredSequence}; resume from {lastDeliveredSequence + 1}."))
    {
        LastDeliveredSequence = lastDeliveredSequence;
    }

    public SubscriberLaggedException()
        : base("The subscriber fell behind and was disconnected.")
    {
    }

    public SubscriberLaggedException(string message)
        : base(message)
    {
    }

    public SubscriberLaggedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Sequence of the last event written to the subscriber's reader; when none was, the one before the subscription's
    /// first. Either way <see cref="ResumeFrom"/> continues without a gap.
    /// </summary>
    public long LastDeliveredSequence { get; }

    /// <summary>The sequence to pass to <see cref="RoutingDomain.Subscribe(long)"/> to continue without a gap.</summary>
    public long ResumeFrom => LastDeliveredSequence + 1;
}
