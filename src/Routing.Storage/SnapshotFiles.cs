using System.Globalization;
using System.Text.Json;
using Routing.Core.Snapshots;

namespace Routing.Storage;

/// <summary>
/// State snapshots as files in a directory next to the journal (<c>routing.db.snapshots/</c>), one per snapshot,
/// named by the last sequence it covers. They used to be rows of the journal itself: a 150 MB row was built as one
/// array (page faults and copies across the whole heap), went through the WAL and was then checkpointed (written
/// twice), and held the journal's write lock for the whole insert, so appends stalled for half a second. A file is
/// streamed through a small buffer, written once, and needs no lock shared with appends.
/// <para>
/// A snapshot is only a shortcut for replay: losing one costs a longer restart, never data. Each file names the
/// journal it belongs to (a random id kept in the journal's <c>meta</c> table), so a snapshot left behind by another
/// journal at the same path is never restored over this one. Files are written to a temporary name, flushed to disk
/// and renamed, so a crash mid-write leaves no half snapshot under a real name.
/// </para>
/// </summary>
internal sealed class SnapshotFiles
{
    private const string Extension = ".snapshot";
    private const string TemporaryExtension = ".partial";
    private const int KeepNewest = 2;

    private readonly string _journalId;

    public SnapshotFiles(string journalPath, string journalId)
    {
        Directory = System.IO.Path.GetFullPath(journalPath) + ".snapshots";
        _journalId = journalId;
    }

    public string Directory { get; }

    /// <summary>Writes a snapshot and keeps only the newest two (one spare in case the newest cannot be read).</summary>
    public void Save(RoutingStateSnapshot snapshot)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = PathOf(snapshot.LastSequence);
        var temporary = final + TemporaryExtension;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            JsonSerializer.Serialize(stream, new SnapshotFile(_journalId, snapshot), EventJson.Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, final, overwrite: true);
        foreach (var (_, path) in Stored().Skip(KeepNewest))
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The newest snapshot of this journal that covers no event past <paramref name="lastSequence"/>; one that cannot
    /// be read, or belongs to another journal, falls back to the one before. Null when none qualifies.
    /// </summary>
    public RoutingStateSnapshot? LoadLatest(long lastSequence)
    {
        foreach (var (sequence, path) in Stored())
        {
            if (sequence > lastSequence)
            {
                continue;
            }

            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
                var file = JsonSerializer.Deserialize<SnapshotFile>(stream, EventJson.Options);
                if (file?.State is { } state && file.JournalId == _journalId && state.LastSequence == sequence)
                {
                    return state;
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
            {
                // Unreadable, truncated, or written by an older version: try the previous one, or replay everything.
            }
        }

        return null;
    }

    /// <summary>Stored snapshots, newest first. Leftover temporary files from a crash are removed on the way.</summary>
    private List<(long Sequence, string Path)> Stored()
    {
        var found = new List<(long, string)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return found;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var name = System.IO.Path.GetFileName(path);
            if (name.EndsWith(TemporaryExtension, StringComparison.Ordinal))
            {
                TryDelete(path);
            }
            else if (name.EndsWith(Extension, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(0, name.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                found.Add((sequence, path));
            }
        }

        found.Sort((a, b) => b.Item1.CompareTo(a.Item1));
        return found;
    }

    private string PathOf(long sequence) =>
        System.IO.Path.Combine(Directory, sequence.ToString("D19", CultureInfo.InvariantCulture) + Extension);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another writer's file in progress, or already gone: harmless either way.
        }
    }

    /// <summary>What a snapshot file holds: the journal it belongs to, and the state.</summary>
    private sealed record SnapshotFile(string JournalId, RoutingStateSnapshot State);
}
