namespace Routing.LoadTest.Month;

/// <summary>
/// How far a stream reader has read, by engine event sequence, and an awaitable "read at least this far". After each
/// AdvanceClock the driver waits, per stream the server wrote to, until the reader has taken in that stream's
/// watermark: then everything the advance caused is in the inbox, and acting on it cannot miss a message.
/// </summary>
internal sealed class SeenSequence
{
    private readonly Lock _lock = new();
    private long _seen;
    private long _waitFor;
    private Countdown? _countdown;
    private bool _ended;

    /// <summary>False when already read that far (or the stream is gone); otherwise counts one on <paramref name="countdown"/> until it is.</summary>
    public bool Await(long sequence, Countdown countdown)
    {
        lock (_lock)
        {
            if (_seen >= sequence || _ended)
            {
                return false;
            }

            _waitFor = Math.Max(_waitFor, sequence);
            if (_countdown is null)
            {
                _countdown = countdown;
                countdown.Add();
            }

            return true;
        }
    }

    /// <summary>Called by the reader after it has handled a message caused by event <paramref name="sequence"/>.</summary>
    public void Saw(long sequence)
    {
        Countdown? reached = null;
        lock (_lock)
        {
            if (sequence > _seen)
            {
                _seen = sequence;
            }

            if (_countdown is not null && _seen >= _waitFor)
            {
                reached = _countdown;
                _countdown = null;
            }
        }

        reached?.Signal();
    }

    /// <summary>The stream ended: nobody may wait on it any more.</summary>
    public void End()
    {
        Countdown? waiting;
        lock (_lock)
        {
            _ended = true;
            waiting = _countdown;
            _countdown = null;
        }

        waiting?.Signal();
    }
}
