namespace Routing.Core.Calls;

/// <summary>Where a call is. Every live call is in exactly one place.</summary>
public enum CallPlace
{
    /// <summary>Waiting in a queue (possibly as a held-place callback).</summary>
    Queued = 1,

    /// <summary>Ringing on one agent's desktop.</summary>
    Offered = 2,

    /// <summary>Talking to an agent.</summary>
    Connected = 3,

    /// <summary>Completed, abandoned or cancelled. Kept for idempotency and audit.</summary>
    Ended = 4,
}
