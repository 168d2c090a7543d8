using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed class StepRunnerTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Requests_go_out_at_their_intended_times_and_only_the_measured_window_counts()
    {
        var clock = new FakeClock();
        var server = new FakeServer(clock, (_, sentAt) => sentAt + Ms);
        var step = new LoadStep(1, 1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        var result = Run(clock, server, step);

        // 3,000 sent (warm-up included), each exactly on its mark; 2,000 measured.
        Assert.Equal(3000, server.Sent.Count);
        Assert.All(server.Sent, s => Assert.Equal(s.Sequence * 1.0, s.SentAt.TotalMilliseconds, precision: 6));
        Assert.Equal(2000, result.Offered);
        Assert.Equal(2000, result.Completed);
        Assert.Equal(1000, result.AchievedRate, precision: 6);
        Assert.Equal(1, result.Latency.P99, precision: 2);
        Assert.Equal(1, result.Latency.Max, precision: 2);
        Assert.Equal(0, result.BehindSchedule);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void A_server_stall_shows_in_every_request_that_came_due_during_it()
    {
        // The server answers in 1 ms except that nothing is answered between 0.5 s and 1 s: everything sent then is
        // answered at 1 s. A closed-loop client would have sent one request during the stall and recorded one slow
        // reply; open loop keeps sending, and each of the 500 requests due in the stall records its full wait.
        var clock = new FakeClock();
        var stallFrom = TimeSpan.FromSeconds(0.5);
        var stallTo = TimeSpan.FromSeconds(1);
        var server = new FakeServer(clock, (_, sentAt) => sentAt >= stallFrom && sentAt < stallTo ? stallTo + Ms : sentAt + Ms);
        var step = new LoadStep(1, 1000, TimeSpan.Zero, TimeSpan.FromSeconds(2));

        var result = Run(clock, server, step);

        Assert.Equal(2000, result.Completed);
        Assert.All(server.Sent, s => Assert.Equal(s.Sequence * 1.0, s.SentAt.TotalMilliseconds, precision: 6));

        // 1,500 calls at 1 ms, then the stalled ones at 2..501 ms (1,001 ms - intended time).
        Assert.Equal(1, result.Latency.P50, precision: 2);
        Assert.InRange(result.Latency.P90, 295, 305);
        Assert.InRange(result.Latency.P99, 475, 485);
        Assert.InRange(result.Latency.Max, 500, 502);
        Assert.Equal(0, result.BehindSchedule);

        // By second of intended time: the stall is all in the first second.
        Assert.Equal(2, result.PerSecond.Count);
        Assert.InRange(result.PerSecond[0].MaxMs, 500, 502);
        Assert.Equal(1, result.PerSecond[1].MaxMs, precision: 2);
        Assert.Equal([1000L, 1000L], result.PerSecond.Select(s => s.Completed));
    }

    [Fact]
    public void A_dispatcher_held_up_by_a_blocking_send_counts_the_lateness_in_the_latency()
    {
        // Send number 1000 blocks the dispatcher for 300 ms (as a GC pause or a starved CPU would). The requests due
        // meanwhile go out late, all at once, and each carries its lateness.
        var clock = new FakeClock();
        var server = new FakeServer(
            clock,
            (_, sentAt) => sentAt + Ms,
            onSend: sequence =>
            {
                if (sequence == 1000)
                {
                    clock.Spend(TimeSpan.FromMilliseconds(300));
                }
            });
        var step = new LoadStep(1, 1000, TimeSpan.Zero, TimeSpan.FromSeconds(2));

        var result = Run(clock, server, step);

        Assert.Equal(2000, result.Offered);
        Assert.Equal(2000, result.Completed);

        // Request 1000 was due at 1.000 s and answered at 1.301 s; 1001..1299 went out at 1.300 s.
        Assert.InRange(result.Latency.Max, 300, 302);
        Assert.InRange(result.BehindSchedule, 297, 300);
        Assert.InRange(result.DispatchLag.Max, 298, 300);
        Assert.InRange(result.Latency.P90, 100, 200);
    }

    [Fact]
    public void The_in_flight_cap_holds_requests_and_counts_them_behind_schedule()
    {
        // 1000/s offered to a server that takes 100 ms per call with at most 10 in flight: about 100/s get through.
        var clock = new FakeClock();
        var server = new FakeServer(clock, (_, sentAt) => sentAt + TimeSpan.FromMilliseconds(100));
        var step = new LoadStep(1, 1000, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var result = Run(clock, server, step, maxInFlight: 10, giveUpAfter: TimeSpan.FromSeconds(20));

        Assert.Equal(10, result.MaxInFlight);
        Assert.True(result.HeldByInFlightCap > 900, $"held {result.HeldByInFlightCap}");
        Assert.Equal(result.HeldByInFlightCap, result.BehindSchedule);
        Assert.Equal(1000, result.Completed);

        // The last request was due at ~1 s and sent ~10 s later: its latency says so.
        Assert.InRange(result.Latency.Max, 8_900, 9_200);
    }

    [Fact]
    public void A_server_that_never_answers_ends_the_step_with_no_reply_and_not_sent_counts()
    {
        var clock = new FakeClock();
        var server = new FakeServer(clock, (_, _) => null);
        var step = new LoadStep(1, 100, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var result = Run(clock, server, step, maxInFlight: 50, giveUpAfter: TimeSpan.FromSeconds(2));

        Assert.Equal(100, result.Offered);
        Assert.Equal(0, result.Completed);
        Assert.Equal(50, result.Errors[ErrorCodes.NoReply]);
        Assert.Equal(50, result.Errors[ErrorCodes.NotSent]);
        Assert.Equal(1, result.ErrorFraction, precision: 6);
        Assert.True(clock.Now <= TimeSpan.FromSeconds(3.01), $"gave up at {clock.Now}");
    }

    [Fact]
    public void Errors_are_counted_by_code_and_kept_out_of_the_latency()
    {
        var clock = new FakeClock();
        var server = new FakeServer(
            clock,
            (sequence, sentAt) => sentAt + (sequence % 10 == 0 ? TimeSpan.FromMilliseconds(50) : Ms),
            error: sequence => sequence % 10 == 0 ? ErrorCodes.ResourceExhausted : sequence % 100 == 1 ? "UNAVAILABLE" : null);
        var step = new LoadStep(1, 1000, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var result = Run(clock, server, step);

        Assert.Equal(1000, result.Offered);
        Assert.Equal(100, result.ResourceExhausted);
        Assert.Equal(10, result.Errors["UNAVAILABLE"]);
        Assert.Equal(890, result.Completed);
        Assert.Equal(0.11, result.ErrorFraction, precision: 6);
        Assert.Equal(1, result.Latency.Max, precision: 2);
    }

    [Fact]
    public void Replies_from_a_previous_step_do_not_count_in_the_next()
    {
        // Step 1's last calls are answered during step 2 (the runner gives up waiting for them first).
        var clock = new FakeClock();
        var server = new FakeServer(clock, (sequence, sentAt) => sentAt + (sequence < 100 ? TimeSpan.FromSeconds(5) : Ms));
        var runner = new StepRunner(clock, server, maxInFlight: 1000, giveUpAfter: TimeSpan.FromSeconds(1));

        var first = runner.Run(new LoadStep(1, 100, TimeSpan.Zero, TimeSpan.FromSeconds(1)), Offsets(100, 1));
        var second = runner.Run(new LoadStep(2, 100, TimeSpan.Zero, TimeSpan.FromSeconds(10)), Offsets(100, 10));

        Assert.Equal(100, first.Errors[ErrorCodes.NoReply]);
        Assert.Equal(1000, second.Offered);
        Assert.Equal(1000, second.Completed);
        Assert.Empty(second.Errors);
        Assert.Equal(1, second.Latency.Max, precision: 2);
    }

    private static StepResult Run(FakeClock clock, FakeServer server, LoadStep step, int maxInFlight = 100_000, TimeSpan? giveUpAfter = null) =>
        new StepRunner(clock, server, maxInFlight, giveUpAfter ?? TimeSpan.FromSeconds(5))
            .Run(step, ArrivalSchedule.Offsets(step.Rate, step.Length, ArrivalProcess.Constant, new Random(1)));

    private static IEnumerable<TimeSpan> Offsets(double rate, double seconds) =>
        ArrivalSchedule.Offsets(rate, TimeSpan.FromSeconds(seconds), ArrivalProcess.Constant, new Random(1));
}
