using Routing.Server.Tests.Infrastructure;
using Routing.V1;

namespace Routing.Server.Tests;

public sealed class AgentLoginTests
{
    [Fact]
    public async Task A_supervisor_is_routed_like_non_clinical_staff_and_never_gets_a_clinical_call()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var supervisor = AgentDesk.Open(host, "lead-01");
        await supervisor.AcceptedAsync(new AgentSessionRequest
        {
            Login = new LoginCommand { AgentId = "lead-01", Role = AgentRole.Supervisor, Skills = { new AgentSkill { Name = "scheduling", Proficiency = 3 }, new AgentSkill { Name = "triage", Proficiency = 5 } } },
        });
        await supervisor.ReadyAsync();

        var emergency = await host.Calls.OfferCallAsync(Offers.ChestTightness("call-1"));
        Assert.Equal(Urgency.Emergency, emergency.Urgency);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-2"));

        Assert.Equal("call-2", (await supervisor.NextOfferAsync()).CallId);
        Assert.DoesNotContain(supervisor.Offers, o => o.CallId == "call-1");
    }

    [Fact]
    public async Task A_login_without_a_role_names_login_role()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var desk = AgentDesk.Open(host, "sched-01");
        var rejected = await desk.RejectedAsync(new AgentSessionRequest { Login = new LoginCommand { AgentId = "sched-01" } });
        Assert.Equal(CommandRejectionCode.InvalidArgument, rejected.Code);
        Assert.Equal("login.role", rejected.Field);
    }

    [Fact]
    public async Task A_roster_clinician_cannot_log_in_as_front_line_staff()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var desk = AgentDesk.Open(host, "nurse-01");
        var rejected = await desk.RejectedAsync(new AgentSessionRequest { Login = new LoginCommand { AgentId = "nurse-01", Role = AgentRole.NonClinical } });
        Assert.Equal(CommandRejectionCode.PermissionDenied, rejected.Code);
        Assert.Equal("login.role", rejected.Field);
    }
}
