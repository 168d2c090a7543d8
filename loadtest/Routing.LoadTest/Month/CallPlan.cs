using System.Globalization;
using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>The generated month: every call in arrival order, and how to say each one to the server.</summary>
internal sealed class CallPlan
{
    public CallPlan(MonthCalendar calendar, int seed, PlannedCall[] calls)
    {
        Calendar = calendar;
        Seed = seed;
        Calls = calls;
    }

    public MonthCalendar Calendar { get; }

    public MonthScenario Scenario => Calendar.Scenario;

    public int Seed { get; }

    public PlannedCall[] Calls { get; }

    public CallKindSpec KindOf(int index) => Scenario.Mix[Calls[index].Kind];

    /// <summary>The queue the default triage rules should send the call to.</summary>
    public string ExpectedQueue(int index)
    {
        var kind = KindOf(index);
        return Calls[index].Senior ? kind.SeniorQueue : kind.Queue;
    }

    /// <summary>
    /// The OfferCall for a call. Built when the call arrives, not kept for the month: the request carries the caller's
    /// words, and holding a month of them would cost memory for nothing.
    /// </summary>
    public OfferCallRequest Request(int index, string callId, string gatewayId)
    {
        var call = Calls[index];
        var kind = Scenario.Mix[call.Kind];
        var request = new OfferCallRequest
        {
            CallId = callId,
            GatewayId = gatewayId,
            ReasonCode = kind.ReasonCode,
            CallerAge = call.Age,
            SeniorProgram = call.SeniorProgram,
            ScreenCompleted = kind.ScreenCompleted,
        };
        if (call.RedFlagIndex >= 0)
        {
            request.RedFlags.Add(kind.RedFlags[call.RedFlagIndex]);
        }

        if (call.WordsIndex >= 0)
        {
            request.CallerWords = kind.Words[call.WordsIndex];
        }

        return request;
    }

    /// <summary>Call ids carry the run's start so two runs against one server never reuse an id (OfferCall is idempotent on it).</summary>
    public static string CallIdPrefix(DateTimeOffset start, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"m{start:yyyyMMdd}s{seed}-");
}
