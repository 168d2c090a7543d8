using Microsoft.Extensions.Logging;
using Routing.Runtime;

namespace Routing.Durability.Tests.Simulation;

/// <summary>
/// Holds a starting domain's loop at its first log line ("started", event 1), before it arms its timer, until the test
/// has queued its first commands. A restarted engine usually has a timer already due, and the loop queues a tick for
/// it as it starts: without the gate, whether that tick lands before, between or after the first commands would be
/// up to the thread pool, and a seed would not replay the same batches.
/// </summary>
internal sealed class StartGateLogger : ILogger<RoutingDomain>, IDisposable
{
    private readonly ManualResetEventSlim _open = new(false);

    public void Open() => _open.Set();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == 1 && !_open.Wait(SimulationSetup.WaitLimit))
        {
            throw new TimeoutException("The test never opened the start gate.");
        }
    }

    public void Dispose() => _open.Dispose();
}
