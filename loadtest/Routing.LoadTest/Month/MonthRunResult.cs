using Routing.LoadTest.Report;

namespace Routing.LoadTest.Month;

/// <summary>What a month run saw, the headline counts the command and the tests judge it by, and how the driver went.</summary>
internal sealed record MonthRunResult(RunObservations Observations, MonthSummary Summary, DriverStats Driver);

/// <summary>
/// How much clock driving the month took: AdvanceClock calls (those stopped early at an offer among them) and the
/// server's timer instants they covered. The wall time of a month is roughly proportional to the advances.
/// </summary>
internal sealed record DriverStats(long Advances, long StoppedOnOffer, long TimerInstants);
