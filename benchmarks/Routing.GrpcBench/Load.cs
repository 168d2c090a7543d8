using System.Diagnostics;
using System.Globalization;
using Grpc.Core;

namespace Routing.GrpcBench;

/// <summary>Drives one operation and answers null, or an error message when the server refused it.</summary>
internal delegate ValueTask<string?> Operation();

/// <summary>One side of a pipelined bidirectional stream benchmark.</summary>
/// <typeparam name="TRequest">Request message.</typeparam>
/// <typeparam name="TResponse">Response message.</typeparam>
internal sealed class StreamDriver<TRequest, TResponse>
{
    /// <summary>Opens stream <c>i</c>.</summary>
    public required Func<int, AsyncDuplexStreamingCall<TRequest, TResponse>> Open { get; init; }

    /// <summary>Whatever must happen on a fresh stream before the pipeline starts (an agent logs in).</summary>
    public Func<int, AsyncDuplexStreamingCall<TRequest, TResponse>, Task> Prologue { get; init; } = (_, _) => Task.CompletedTask;

    /// <summary>The request with sequence number <c>seq</c> on stream <c>i</c>; it must carry <c>seq</c> as its id.</summary>
    public required Func<int, long, TRequest> Request { get; init; }

    /// <summary>
    /// The sequence a response answers and whether it was a success, or null for a response that answers no request
    /// (an agent's state change).
    /// </summary>
    public required Func<TResponse, (long Seq, string? Error)?> Match { get; init; }
}

internal static class Load
{
    /// <summary>Closed loop: <paramref name="concurrency"/> callers, each issuing its next call when the last returns.</summary>
    public static async Task<Round> ClosedLoopAsync(int concurrency, TimeSpan warmup, TimeSpan measure, Func<int, Operation> operationFor)
    {
        var window = new MeasureWindow(warmup, measure);
        var cpu = CpuUse.DuringAsync(window);
        var recorders = new Recorder[concurrency];
        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var recorder = recorders[i] = new Recorder();
            var operation = operationFor(i);
            workers[i] = Task.Run(async () =>
            {
                while (!window.Over)
                {
                    var started = Stopwatch.GetTimestamp();
                    var error = await operation();
                    if (error is null)
                    {
                        recorder.Record(window, started, Stopwatch.GetTimestamp());
                    }
                    else
                    {
                        recorder.Error(error);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        return new Round(window, recorders, await cpu, new Dictionary<string, string>());
    }

    /// <summary>
    /// Pipelined streams: on each of <paramref name="streams"/> streams a writer keeps up to <paramref name="window"/>
    /// requests outstanding and a reader times each reply against its request's send time (matched by sequence).
    /// A stream the server ends early is reopened (a desktop reconnects); the replies lost with it are not counted.
    /// </summary>
    public static async Task<Round> PipelinedStreamsAsync<TRequest, TResponse>(
        int streams, int window, TimeSpan warmup, TimeSpan measure, StreamDriver<TRequest, TResponse> driver)
    {
        var calls = new AsyncDuplexStreamingCall<TRequest, TResponse>[streams];
        for (var i = 0; i < streams; i++)
        {
            calls[i] = driver.Open(i);
            await driver.Prologue(i, calls[i]);
        }

        var timing = new MeasureWindow(warmup, measure);
        var cpu = CpuUse.DuringAsync(timing);
        var recorders = new Recorder[streams];
        var unmatched = new long[streams];
        var reopened = new long[streams];
        var tasks = new Task[streams];
        for (var i = 0; i < streams; i++)
        {
            var stream = i;
            var recorder = recorders[i] = new Recorder();
            tasks[i] = Task.Run(async () =>
            {
                var call = calls[stream];
                long seq = 0;
                while (true)
                {
                    var endedEarly = await PipelineAsync(stream, call, window, timing, driver, recorder, () => seq++, () => unmatched[stream]++);
                    call.Dispose();
                    if (!endedEarly || timing.Over)
                    {
                        return;
                    }

                    reopened[stream]++;
                    try
                    {
                        call = driver.Open(stream);
                        await driver.Prologue(stream, call);
                    }
                    catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
                    {
                        recorder.Error($"stream {stream}: could not reopen: {ex.Message}");
                        return;
                    }
                }
            });
        }

        await Task.WhenAll(tasks);
        var notes = new Dictionary<string, string>
        {
            ["other_server_messages"] = unmatched.Sum().ToString(CultureInfo.InvariantCulture),
            ["streams_reopened_after_server_closed_them"] = reopened.Sum().ToString(CultureInfo.InvariantCulture),
        };
        return new Round(timing, recorders, await cpu, notes);
    }

    /// <summary>Runs one stream until the load stops (false) or the server ends or breaks it first (true).</summary>
    private static async Task<bool> PipelineAsync<TRequest, TResponse>(
        int stream,
        AsyncDuplexStreamingCall<TRequest, TResponse> call,
        int window,
        MeasureWindow timing,
        StreamDriver<TRequest, TResponse> driver,
        Recorder recorder,
        Func<long> nextSeq,
        Action unmatched)
    {
        // Send times by sequence; at most `window` are outstanding, so a ring of a power of two above it is enough.
        const long Mask = 2047;
        var sent = new long[Mask + 1];
        using var slots = new SemaphoreSlim(window, window);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            try
            {
                while (!timing.Over)
                {
                    await slots.WaitAsync(stop.Token);
                    var seq = nextSeq();
                    Volatile.Write(ref sent[seq & Mask], Stopwatch.GetTimestamp());
                    await call.RequestStream.WriteAsync(driver.Request(stream, seq), stop.Token);
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException)
            {
                // The reader saw the stream end or break.
            }
        });

        var endedEarly = false;
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var now = Stopwatch.GetTimestamp();
                if (driver.Match(call.ResponseStream.Current) is not { } match)
                {
                    unmatched();
                    continue;
                }

                slots.Release();
                if (match.Error is null)
                {
                    recorder.Record(timing, Volatile.Read(ref sent[match.Seq & Mask]), now);
                }
                else
                {
                    recorder.Error(match.Error);
                }
            }

            endedEarly = !timing.Over;
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // While the load runs the stream is reopened; after it, a broken end cost no measured work but is noted.
            endedEarly = !timing.Over;
            recorder.StreamBroke($"stream {stream}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        return endedEarly;
    }
}
