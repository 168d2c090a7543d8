using System.Globalization;
using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>Where a call stands, as the harness (caller, gateway and desktops together) sees it.</summary>
internal enum CallStatus : byte
{
    NotArrived = 0,

    /// <summary>On the line, waiting for an agent.</summary>
    Waiting = 1,

    /// <summary>Talking to an agent.</summary>
    Connected = 2,

    /// <summary>The caller hung up and the server owes them a safety-net callback: not over until a clinician calls back.</summary>
    CallbackWaiting = 3,

    Ended = 4,

    /// <summary>The server refused the offer: never entered routing.</summary>
    Refused = 5,
}

/// <summary>
/// Every call of the month in parallel arrays indexed by arrival order: a month is a handful of allocations, and the
/// call id maps back to its index by parsing, with no dictionary. Times are ticks after the month's start, −1 for never.
/// </summary>
internal sealed class CallBook
{
    public CallBook(CallPlan plan, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        IdPrefix = idPrefix;
        var n = plan.Calls.Length;
        Status = new CallStatus[n];
        Urgency = new Urgency[n];
        QueueId = new string?[n];
        RedFlag = new bool[n];
        AnsweredAt = Filled(n);
        ClinicianAt = Filled(n);
        AbandonedAt = Filled(n);
        EndedAt = Filled(n);
        AnsweredBy = new int[n];
        Array.Fill(AnsweredBy, -1);
        Connects = new byte[n];
        Answers = new byte[n];
    }

    public CallPlan Plan { get; }

    public string IdPrefix { get; }

    public CallStatus[] Status { get; }

    public Urgency[] Urgency { get; }

    public string?[] QueueId { get; }

    public bool[] RedFlag { get; }

    public long[] AnsweredAt { get; }

    public long[] ClinicianAt { get; }

    public long[] AbandonedAt { get; }

    public long[] EndedAt { get; }

    /// <summary>Index of the desktop that answered (last), −1 if none.</summary>
    public int[] AnsweredBy { get; }

    /// <summary>Connect and dial-callback instructions the gateway received for the call.</summary>
    public byte[] Connects { get; }

    /// <summary>Times the call was accepted (a stale completion of an earlier answer is recognised by it).</summary>
    public byte[] Answers { get; }

    /// <summary>Calls offered so far (arrival order: every index below this has arrived).</summary>
    public int Arrived { get; set; }

    public int Answered { get; set; }

    public int Abandoned { get; set; }

    public int Refused { get; set; }

    /// <summary>Arrived, accepted by the server, and not over.</summary>
    public int Open { get; set; }

    /// <summary>Callers waiting for an agent (on the line, or owed a safety-net callback).</summary>
    public int Waiting { get; set; }

    public string IdOf(int index) => IdPrefix + index.ToString("D6", CultureInfo.InvariantCulture);

    public bool TryIndexOf(string callId, out int index)
    {
        index = -1;
        return callId is not null
            && callId.StartsWith(IdPrefix, StringComparison.Ordinal)
            && int.TryParse(callId.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index < Arrived;
    }

    private static long[] Filled(int n)
    {
        var values = new long[n];
        Array.Fill(values, -1L);
        return values;
    }
}
