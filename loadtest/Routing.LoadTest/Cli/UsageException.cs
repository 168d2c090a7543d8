namespace Routing.LoadTest.Cli;

/// <summary>Bad command-line input. The message names the argument; the tool exits with code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
