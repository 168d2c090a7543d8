using System.Globalization;
using System.Text;
using Routing.Storage;

namespace Routing.AuditTool;

/// <summary>
/// The command line: <c>verify</c>, <c>export</c>, <c>prune</c>. Results go to standard output (JSON lines for an
/// export without --out), messages and progress to standard error. Exit codes: 0 success (for verify: the chain is
/// intact), 1 the chain is broken or the operation failed, 2 bad arguments.
/// </summary>
internal static class AuditToolCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    private const int NotADatabase = 26;

    public const string Usage = """
        Routing.AuditTool: the audit trail of a Routing journal (SQLite).

          verify --db <file>
              Walks the hash chain from its start (or the retention anchor) and prints the first broken link:
              record id, event sequence, and what is wrong (hash mismatch, missing record, prev_hash mismatch).
              Exit 0 when intact, 1 when broken.
          export --db <file> [--from <time>] [--to <time>] [--call <call id>] [--out <file.jsonl>]
              One JSON object per line: id, eventSequence, at, callId, kind, actor, hash, prevHash, record.
              --from is inclusive, --to exclusive. Without --out, writes to standard output. CONTAINS PATIENT DATA.
          prune --db <file> --before <time>
              Retention: deletes the audit records older than <time> in one transaction and records the id and
              hash of the last deleted one as the anchor the remaining chain verifies from. Refuses when the part
              it would delete does not verify.

        Times are ISO 8601, UTC unless an offset is given: 2026-11-01T00:00:00Z, 2026-11-01.
        Retention defaults to keeping everything (HIPAA documentation: 6 years; Medicare Advantage: 10 years);
        pruning happens only when an operator runs prune.
        Exit codes: 0 success, 1 chain broken or operation failed, 2 bad arguments.
        """;

    public static int Run(IReadOnlyList<string> args, Stream standardOutput, TextWriter standardError)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(standardError);
        using var stdout = new StreamWriter(standardOutput, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true };
        if (args.Count == 0)
        {
            return Bad(standardError, "a command is required: verify, export or prune.");
        }

        if (args[0] is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Usage);
            return Ok;
        }

        if (!TryParseOptions(args, out var options, out var error))
        {
            return Bad(standardError, error);
        }

        try
        {
            return args[0] switch
            {
                "verify" => Verify(options, stdout, standardError),
                "export" => Export(options, standardOutput, standardError),
                "prune" => Prune(options, stdout, standardError),
                _ => Bad(standardError, $"unknown command '{args[0]}': use verify, export or prune."),
            };
        }
        catch (ArgumentException e)
        {
            return Bad(standardError, e.Message);
        }
        catch (InvalidDataException e)
        {
            return Bad(standardError, $"--db: {e.Message}");
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == NotADatabase)
        {
            return Bad(standardError, $"--db: {e.Message}");
        }
        catch (AuditChainBrokenException e)
        {
            standardError.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or AuditRecordUnreadableException)
        {
            standardError.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }

    private static int Verify(Options options, TextWriter stdout, TextWriter stderr)
    {
        if (Check(options, stderr, [], out var store) is { } bad)
        {
            return bad;
        }

        var verification = store.Verify(n => stderr.WriteLine($"verified {n:N0} records..."));
        stdout.WriteLine(verification.ToString());
        return verification.Intact ? Ok : Failed;
    }

    private static int Export(Options options, Stream standardOutput, TextWriter stderr)
    {
        if (Check(options, stderr, ["--from", "--to", "--call", "--out"], out var store) is { } bad)
        {
            return bad;
        }

        if (!TryTime(options, "--from", out var from, out var error) || !TryTime(options, "--to", out var to, out error))
        {
            return Bad(stderr, error);
        }

        if (from is { } f && to is { } t && t <= f)
        {
            return Bad(stderr, $"--to ({t:O}) must be after --from ({f:O}).");
        }

        var filter = new AuditExportFilter(from, to, options.Values.GetValueOrDefault("--call"));
        var path = options.Values.GetValueOrDefault("--out");
        if (path is not null)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                return Bad(stderr, $"--out: the directory {directory} does not exist.");
            }
        }

        using var output = path is null ? null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var written = store.Export(output ?? standardOutput, filter, n => stderr.WriteLine($"exported {n:N0} records..."));
        stderr.WriteLine($"exported {written:N0} audit records{(path is null ? string.Empty : " to " + path)}");
        return Ok;
    }

    private static int Prune(Options options, TextWriter stdout, TextWriter stderr)
    {
        if (Check(options, stderr, ["--before"], out var store) is { } bad)
        {
            return bad;
        }

        if (!TryTime(options, "--before", out var before, out var error))
        {
            return Bad(stderr, error);
        }

        if (before is not { } cut)
        {
            return Bad(stderr, "prune needs --before <time>: records older than it are deleted.");
        }

        var result = store.Prune(cut);
        if (result.AnchorRecordId is not { } anchor)
        {
            stdout.WriteLine($"nothing to prune: no audit record before {cut.UtcDateTime:O}");
            return Ok;
        }

        stdout.WriteLine($"pruned {result.Deleted:N0} audit records before {cut.UtcDateTime:O}");
        stdout.WriteLine($"anchor: record {anchor} at {result.AnchorAt?.UtcDateTime:O}, hash {Convert.ToHexStringLower(result.AnchorHash!)}");
        stdout.WriteLine("record the anchor outside the database (for example in the change log) with today's date");
        return Ok;
    }

    /// <summary>Common checks: --db given and a file, only the command's own options.</summary>
    private static int? Check(Options options, TextWriter stderr, string[] allowed, out AuditStore store)
    {
        store = null!;
        foreach (var name in options.Values.Keys)
        {
            if (name != "--db" && !allowed.Contains(name, StringComparer.Ordinal))
            {
                return Bad(stderr, $"{options.Command} does not take {name}.");
            }
        }

        if (options.Values.GetValueOrDefault("--db") is not { } db)
        {
            return Bad(stderr, $"{options.Command} needs --db <file>: the journal's SQLite file.");
        }

        if (!File.Exists(db))
        {
            return Bad(stderr, $"--db: no journal database at {db}.");
        }

        store = new AuditStore(db);
        return null;
    }

    private static bool TryParseOptions(IReadOnlyList<string> args, out Options options, out string error)
    {
        options = new Options(args[0], new Dictionary<string, string>(StringComparer.Ordinal));
        error = string.Empty;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{name}'.";
                return false;
            }

            if (name is not ("--db" or "--from" or "--to" or "--call" or "--out" or "--before"))
            {
                error = $"unknown option {name}.";
                return false;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                error = $"{name} needs a value.";
                return false;
            }

            if (!options.Values.TryAdd(name, args[++i]))
            {
                error = $"{name} is given twice.";
                return false;
            }
        }

        return true;
    }

    private static bool TryTime(Options options, string name, out DateTimeOffset? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (options.Values.GetValueOrDefault(name) is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            error = $"{name}: '{text}' is not a time; use ISO 8601, for example 2026-11-01T00:00:00Z.";
            return false;
        }

        value = parsed;
        return true;
    }

    private static int Bad(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine("usage: Routing.AuditTool verify|export|prune --db <file> ... (help for details)");
        return BadArguments;
    }

    private sealed record Options(string Command, Dictionary<string, string> Values);
}
