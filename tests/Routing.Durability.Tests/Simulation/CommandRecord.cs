using System.Globalization;
using Routing.Core.Commands;

namespace Routing.Durability.Tests.Simulation;

/// <summary>One command sent to a domain and what became of it.</summary>
internal sealed class CommandRecord(int cycle, int group, int producer, RoutingCommand command)
{
    public int Cycle { get; } = cycle;

    /// <summary>The gated driver's group (one group is one batch); -1 when free-running.</summary>
    public int Group { get; } = group;

    public int Producer { get; } = producer;

    public RoutingCommand Command { get; } = command;

    /// <summary>Set when <c>ExecuteAsync</c> returned: the command was acknowledged (a success or a typed refusal).</summary>
    public RoutingResult? Result { get; private set; }

    /// <summary>Set when <c>ExecuteAsync</c> threw: the command was not acknowledged.</summary>
    public Exception? Failure { get; private set; }

    public bool Acknowledged => Result is not null;

    public async Task SettleAsync(Task<RoutingResult> task)
    {
        try
        {
            Result = await task.WaitAsync(SimulationSetup.WaitLimit);
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            Failure = ex;
        }
    }

    public override string ToString()
    {
        var outcome = Result switch
        {
            null => "failed " + Failure?.GetType().Name,
            { Error: { } error } => $"refused {error.Code} events={Result.Events.Count}",
            _ => $"ok {Result.Reply} events={Result.Events.Count}"
                + (Result.Events.Count > 0 ? $" {Result.Events[0].Sequence}-{Result.Events[^1].Sequence}" : string.Empty),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Cycle}/{Group}/{Producer} {Command} => {outcome}");
    }
}
