using Routing.Runtime;
using Routing.Storage;

namespace Routing.Durability.Tests.Simulation;

/// <summary>The "disk" of the simulated process: what survives a crash, and how it is opened again.</summary>
internal interface IDurableStore : IDisposable
{
    /// <summary>The journal as currently open.</summary>
    IEventJournal Journal { get; }

    /// <summary>True when the store can be disposed under a running domain (<see cref="CrashMode.DisposeJournal"/>).</summary>
    bool CanDispose { get; }

    /// <summary>SQLite file path, when there is one.</summary>
    string? Path { get; }

    /// <summary>Closes the journal as the dying process would.</summary>
    void CloseJournal();

    /// <summary>Opens the journal again, as a restarted process does.</summary>
    void Reopen();
}

/// <summary>A durable list of events that outlives every simulated process.</summary>
internal sealed class MemoryStore : IDurableStore
{
    private readonly InMemoryEventJournal _events = new();

    public IEventJournal Journal => _events;

    public bool CanDispose => false;

    public string? Path => null;

    public void CloseJournal()
    {
    }

    public void Reopen()
    {
    }

    public void Dispose()
    {
    }
}

/// <summary>The real <see cref="SqliteEventJournal"/> on a temporary file; a restart reopens the file.</summary>
internal sealed class SqliteStore : IDurableStore
{
    private SqliteEventJournal? _journal;

    public SqliteStore(string path)
    {
        Path = path;
        _journal = new SqliteEventJournal(path);
    }

    public IEventJournal Journal => _journal ?? throw new ObjectDisposedException(nameof(SqliteStore));

    public bool CanDispose => true;

    public string? Path { get; }

    public void CloseJournal()
    {
        _journal?.Dispose();
    }

    public void Reopen()
    {
        CloseJournal();
        _journal = new SqliteEventJournal(Path!);
    }

    public void Dispose()
    {
        CloseJournal();
        _journal = null;
    }
}
