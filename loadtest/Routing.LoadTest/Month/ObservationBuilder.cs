using Routing.LoadTest.Report;

namespace Routing.LoadTest.Month;

/// <summary>Turns the driver's arrays into the <see cref="RunObservations"/> the report reads.</summary>
internal sealed partial class MonthDriver
{
    private static class ObservationBuilder
    {
        public static MonthRunResult Build(MonthDriver driver)
        {
            var book = driver._book;
            var plan = driver._plan;
            var start = driver.Start;
            DateTimeOffset? At(long ticks) => ticks < 0 ? null : start.AddTicks(ticks);

            var calls = new CallObservation[book.Arrived];
            var lost = new List<string>();
            var neverConnected = 0;
            for (var i = 0; i < calls.Length; i++)
            {
                var planned = plan.Calls[i];
                var kind = plan.KindOf(i);
                var by = book.AnsweredBy[i];
                var id = book.IdOf(i);
                var refused = book.Status[i] == CallStatus.Refused;
                if (!refused && book.Status[i] != CallStatus.Ended)
                {
                    lost.Add(id);
                }

                neverConnected += book.AnsweredAt[i] >= 0 && book.Connects[i] == 0 ? 1 : 0;

                calls[i] = new CallObservation
                {
                    CallId = id,
                    Kind = kind.Kind,
                    QueueId = book.QueueId[i] ?? plan.ExpectedQueue(i),
                    Urgency = book.Urgency[i],
                    RedFlag = book.RedFlag[i] || kind.RedFlag,
                    ArrivedAt = start.AddTicks(planned.ArrivalMs * TicksPerMs),
                    Patience = planned.PatienceMs < 0 ? null : TimeSpan.FromMilliseconds(planned.PatienceMs),
                    HandleTime = TimeSpan.FromMilliseconds(planned.HandleMs),
                    AnsweredAt = At(book.AnsweredAt[i]),
                    AnsweredByAgentId = by < 0 ? null : driver._desktops[by].AgentId,
                    AnsweredByClinician = by >= 0 && driver._desktops[by].Clinical,
                    ClinicianContactAt = At(book.ClinicianAt[i]),
                    AbandonedAt = At(book.AbandonedAt[i]),
                    EndedAt = At(book.EndedAt[i]),
                    Refused = refused,
                };
            }

            if (neverConnected > 0)
            {
                driver._inbox.Problem("accepted call the gateway was never told to connect", neverConnected);
            }

            var pools = driver._scenario.Pools;
            var observations = new RunObservations
            {
                Scenario = driver._scenario.Name,
                Seed = driver._options.Seed,
                Server = driver._options.Server,
                Start = start,
                End = start.AddTicks(driver._now),
                WallTime = driver._progress.Elapsed,
                Calls = calls,
                Staffing = driver._roster.Slots(),
                RpcLatencies = driver._latency.Snapshot(),
                QueueThresholds = pools.ToDictionary(p => p.Queue, p => p.SlaThreshold, StringComparer.Ordinal),
                QueueTargets = pools.ToDictionary(p => p.Queue, p => p.SlaTarget, StringComparer.Ordinal),
                LostCallIds = lost,
                DuplicatedCallIds = [.. driver._duplicated],
                Errors = driver._inbox.Problems(),
            };
            return new MonthRunResult(
                observations,
                MonthSummary.Of(observations),
                new DriverStats(driver._advances, driver._stoppedOnOffer, driver._timerInstants));
        }
    }
}
