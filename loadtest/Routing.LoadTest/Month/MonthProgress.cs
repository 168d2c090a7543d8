using System.Diagnostics;
using System.Globalization;

namespace Routing.LoadTest.Month;

/// <summary>
/// A progress line on stderr about every couple of seconds of wall time: virtual day and time, calls offered, answered
/// and abandoned, calls per wall second and the time left. Counts only: nothing about any caller.
/// </summary>
internal sealed class MonthProgress
{
    private readonly TextWriter? _writer;
    private readonly long _interval;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _next;

    public MonthProgress(TextWriter? writer, TimeSpan interval)
    {
        _writer = writer;
        _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        _next = _started + _interval;
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Cheap when not due: one timestamp read.</summary>
    public void Tick(CallBook book, DateTimeOffset now, int days)
    {
        if (_writer is null || Stopwatch.GetTimestamp() < _next)
        {
            return;
        }

        _next = Stopwatch.GetTimestamp() + _interval;
        Write(book, now, days, final: false);
    }

    public void Done(CallBook book, DateTimeOffset now, int days)
    {
        if (_writer is not null)
        {
            Write(book, now, days, final: true);
        }
    }

    private void Write(CallBook book, DateTimeOffset now, int days, bool final)
    {
        ArgumentNullException.ThrowIfNull(book);
        var start = book.Plan.Calendar.Start;
        var day = (int)Math.Floor((now - start).TotalDays) + 1;
        var seconds = Math.Max(Elapsed.TotalSeconds, 1e-3);
        var rate = book.Arrived / seconds;
        var total = book.Plan.Calls.Length;
        var eta = final ? "done" : rate > 0 ? Format(TimeSpan.FromSeconds((total - book.Arrived) / rate)) : "?";
        _writer!.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"month: day {day}/{days} {now:ddd HH:mm} | offered {book.Arrived:N0}/{total:N0} answered {book.Answered:N0} abandoned {book.Abandoned:N0} open {book.Open:N0} | {rate:N0} calls/s | {Format(Elapsed)} elapsed, ETA {eta}"));
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s");
}
