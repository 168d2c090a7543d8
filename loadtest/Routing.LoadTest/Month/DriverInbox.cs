using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>An offer a desktop was sent.</summary>
internal readonly record struct OfferNote(AgentDesktop Desktop, string CallId, bool IsCallback);

/// <summary>An offer the server withdrew.</summary>
internal readonly record struct CancelNote(AgentDesktop Desktop, string CallId, OfferCancelReason Reason);

/// <summary>A desktop command the server refused.</summary>
internal readonly record struct RejectionNote(AgentDesktop Desktop, RpcKind Kind, int Call, CommandRejectionCode Code);

/// <summary>A gateway instruction about a call.</summary>
internal readonly record struct InstructionNote(int Gateway, GatewaySessionResponse.InstructionOneofCase Kind, string CallId, string AgentId);

/// <summary>
/// What the stream readers saw, for the driver to act on at its next step. Readers append under one lock; the driver
/// swaps the lists out whole, so a step allocates nothing once the lists have grown to their working size.
/// </summary>
internal sealed class DriverInbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _problems = new(StringComparer.Ordinal);
    private Batch _filling = new();
    private TaskCompletionSource? _waiter;

    public void Offer(in OfferNote note)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _filling.Offers.Add(note);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    public void Cancelled(in CancelNote note)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _filling.Cancels.Add(note);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    public void Rejected(in RejectionNote note)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _filling.Rejections.Add(note);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    public void Instruction(in InstructionNote note)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _filling.Instructions.Add(note);
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Completes when something is in the inbox (at once if something already is).</summary>
    public Task WhenNotEmpty()
    {
        lock (_lock)
        {
            if (!_filling.IsEmpty)
            {
                return Task.CompletedTask;
            }

            // Synchronous continuation, as in Countdown: the driver resumes on the reader's thread.
            _waiter ??= new TaskCompletionSource();
            return _waiter.Task;
        }
    }

    /// <summary>Counts a protocol surprise or failure by name. Names never carry patient data.</summary>
    public void Problem(string name, long count = 1)
    {
        lock (_lock)
        {
            _problems[name] = _problems.GetValueOrDefault(name) + count;
        }
    }

    public Dictionary<string, long> Problems()
    {
        lock (_lock)
        {
            return new Dictionary<string, long>(_problems, StringComparer.Ordinal);
        }
    }

    /// <summary>Hands over everything received so far and takes back the (cleared) batch the driver has finished with.</summary>
    public Batch Swap(Batch done)
    {
        ArgumentNullException.ThrowIfNull(done);
        done.Clear();
        lock (_lock)
        {
            var full = _filling;
            _filling = done;
            return full;
        }
    }

    internal sealed class Batch
    {
        public List<OfferNote> Offers { get; } = [];

        public List<CancelNote> Cancels { get; } = [];

        public List<RejectionNote> Rejections { get; } = [];

        public List<InstructionNote> Instructions { get; } = [];

        public bool IsEmpty => Offers.Count == 0 && Cancels.Count == 0 && Rejections.Count == 0 && Instructions.Count == 0;

        public void Clear()
        {
            Offers.Clear();
            Cancels.Clear();
            Rejections.Clear();
            Instructions.Clear();
        }
    }
}
