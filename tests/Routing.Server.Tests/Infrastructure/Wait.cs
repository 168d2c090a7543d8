namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// The safety net on every wait for the server: long enough for a loaded 2-core machine, short enough that a broken
/// test fails instead of hanging the run. Tests never wait on wall time for anything to happen.
/// </summary>
internal static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<T> For<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Timed out after {Timeout.TotalSeconds} s waiting for {what}.");
        }
    }

    public static async Task For(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Timed out after {Timeout.TotalSeconds} s waiting for {what}.");
        }
    }
}
