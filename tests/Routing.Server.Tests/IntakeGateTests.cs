using Routing.Server.Calls;

namespace Routing.Server.Tests;

public sealed class IntakeGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Refusals_are_reported_once_per_interval_with_the_count_since_the_last_report()
    {
        var gate = new IntakeGate();

        // The first refusal of an overload is reported at once.
        Assert.Equal(1, gate.CountRefusal(Start));

        // The rest of the burst waits for the interval to pass, then is reported as one count.
        for (var i = 1; i <= 500; i++)
        {
            Assert.Equal(0, gate.CountRefusal(Start + TimeSpan.FromMilliseconds(i * 10)));
        }

        Assert.Equal(501, gate.CountRefusal(Start + IntakeGate.ReportEvery));

        // A later, separate overload starts a new report straight away.
        Assert.Equal(1, gate.CountRefusal(Start + TimeSpan.FromMinutes(5)));
    }
}
