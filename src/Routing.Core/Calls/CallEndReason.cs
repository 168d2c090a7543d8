namespace Routing.Core.Calls;

/// <summary>Why a gateway ends a call.</summary>
public enum CallEndReason
{
    Unspecified = 0,

    /// <summary>The caller hung up. While waiting or ringing this is an abandonment.</summary>
    CallerHungUp = 1,

    /// <summary>The conversation finished normally (the gateway saw the bridge end).</summary>
    Completed = 2,
}
