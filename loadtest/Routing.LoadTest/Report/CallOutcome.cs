namespace Routing.LoadTest.Report;

/// <summary>A call's service-level outcome: the first of answered and abandoned, else unresolved at the end of the run.</summary>
internal enum CallOutcome
{
    /// <summary>The server refused the offer; the call never entered routing and is not offered.</summary>
    Refused,

    /// <summary>Neither answered nor abandoned by the end of the run (a miss under strict).</summary>
    Unresolved,

    Answered,

    Abandoned,
}
