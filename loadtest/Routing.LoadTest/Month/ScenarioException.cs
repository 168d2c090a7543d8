namespace Routing.LoadTest.Month;

/// <summary>A scenario file that cannot be used. The message names the file and the field (e.g. "mix[2].share").</summary>
internal sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
