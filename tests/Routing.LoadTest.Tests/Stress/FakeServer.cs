using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

/// <summary>
/// A sender whose replies arrive on the fake clock: <c>reply</c> maps (sequence, send time) to the reply time, or
/// null for a request never answered; <c>error</c> picks failures; <c>onSend</c> runs inside Send (to block the
/// dispatcher by spending clock time).
/// </summary>
internal sealed class FakeServer(
    FakeClock clock,
    Func<long, TimeSpan, TimeSpan?> reply,
    Func<long, string?>? error = null,
    Action<long>? onSend = null) : IRequestSender
{
    public List<(long Sequence, TimeSpan SentAt)> Sent { get; } = [];

    public void Send(long sequence, Action<string?> completed)
    {
        onSend?.Invoke(sequence);
        Sent.Add((sequence, clock.Now));
        if (reply(sequence, clock.Now) is { } at)
        {
            clock.At(at, () => completed(error?.Invoke(sequence)));
        }
    }
}
