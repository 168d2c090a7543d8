using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Urgencies;

namespace Routing.Storage.Tests.Infrastructure;

/// <summary>Call histories driven through the real engine.</summary>
internal static class Scenarios
{
    /// <summary>
    /// The incident pattern handled right: a scheduling call answered by a front-line agent who hears rib pain,
    /// raises it to URGENT with a reason and transfers it to the clinical queue, where a nurse answers (clinician
    /// contact at 5 minutes) and completes it.
    /// </summary>
    public static void RibPainTransferredToNurse(AuditHarness h, string callId = "c-rib")
    {
        h.LogInReady("scheduler", AgentRole.NonClinical, "scheduling");
        h.Offer(callId, "SCHEDULING", "I need an appointment for my knee", priority: 2);
        Assert.Equal(callId, h.OfferedTo("scheduler"));
        h.Time.Advance(TimeSpan.FromSeconds(5));
        h.Must(new AcceptOffer("scheduler", callId));
        h.Time.Advance(TimeSpan.FromMinutes(3));
        h.Must(new ChangeUrgency("scheduler", callId, Urgency.Urgent, "caller mentions rib pain"));
        h.Must(new TransferCall("scheduler", callId, "clinical-triage"));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        h.LogInReady("nurse", AgentRole.Clinician);
        Assert.Equal(callId, h.OfferedTo("nurse"));
        h.Time.Advance(TimeSpan.FromSeconds(3));
        h.Must(new AcceptOffer("nurse", callId));
        h.Time.Advance(TimeSpan.FromMinutes(4));
        h.Must(new CompleteCall("nurse", callId));
        h.Must(new EndWrapUp("nurse"));
        h.Must(new EndWrapUp("scheduler"));
    }

    /// <summary>
    /// Chest pain (EMERGENCY, 60 s to clinician) with no clinician logged in: the warning and the breach fire; a
    /// nurse logs in and answers at 90 s, after the deadline (FTCE-B, late by 30 s).
    /// </summary>
    public static void ChestPainReachedLate(AuditHarness h, string callId = "c-chest")
    {
        h.Offer(callId, "SCHEDULING", "my chest feels tight", 0, "CARDIAC_CHEST");
        h.Advance(TimeSpan.FromSeconds(30));
        h.Advance(TimeSpan.FromSeconds(30));
        h.Advance(TimeSpan.FromSeconds(29));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.LogInReady("er-nurse", AgentRole.Clinician);
        Assert.Equal(callId, h.OfferedTo("er-nurse"));
        h.Must(new AcceptOffer("er-nurse", callId));
        h.Time.Advance(TimeSpan.FromMinutes(6));
        h.Must(new CompleteCall("er-nurse", callId));
        h.Must(new EndWrapUp("er-nurse"));
    }

    /// <summary>A billing question answered at once and completed: nothing clinical about it.</summary>
    public static void RoutineBilling(AuditHarness h, string callId = "c-billing")
    {
        h.LogInReady("biller", AgentRole.NonClinical, "billing");
        h.Offer(callId, "BILLING", "question about my bill");
        Assert.Equal(callId, h.OfferedTo("biller"));
        h.Must(new AcceptOffer("biller", callId));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        h.Must(new CompleteCall("biller", callId));
        h.Must(new EndWrapUp("biller"));
    }
}
