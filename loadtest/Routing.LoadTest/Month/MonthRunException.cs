namespace Routing.LoadTest.Month;

/// <summary>The month cannot run (server unreachable, not in simulation mode, roster refused). The message says what to do.</summary>
internal sealed class MonthRunException : Exception
{
    public MonthRunException()
    {
    }

    public MonthRunException(string message)
        : base(message)
    {
    }

    public MonthRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
