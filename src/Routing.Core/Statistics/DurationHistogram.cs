using System.Numerics;

namespace Routing.Core.Statistics;

/// <summary>
/// A log-bucketed histogram of durations in ticks, in the manner of HdrHistogram: values below 128 ticks have a
/// bucket each; above, every power of two is split into 128 equal buckets, so a bucket is never wider than 1/128
/// (0.78%) of its lower bound and the reported midpoint is within 0.4% of any value in it. Memory is fixed
/// (at most 57 chunks of 128 counters, each allocated the first time a value of that magnitude is recorded);
/// recording never allocates otherwise. Two histograms merge exactly by adding counters.
/// </summary>
internal sealed class DurationHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;

    // Chunk 0 holds 0..127 exactly; chunk c >= 1 holds [2^(c+6), 2^(c+7)) in steps of 2^(c-1). Up to long.MaxValue.
    private const int ChunkCount = 64 - SubBucketBits;

    private readonly int[]?[] _chunks = new int[]?[ChunkCount];

    public long Count { get; private set; }

    public long TotalTicks { get; private set; }

    public long MinTicks { get; private set; } = long.MaxValue;

    public long MaxTicks { get; private set; }

    public void Record(TimeSpan value)
    {
        var ticks = value.Ticks < 0 ? 0 : value.Ticks;
        Locate(ticks, out var chunk, out var offset);
        var counts = _chunks[chunk] ??= new int[SubBucketCount];
        counts[offset]++;
        Count++;
        TotalTicks += ticks;
        if (ticks < MinTicks)
        {
            MinTicks = ticks;
        }

        if (ticks > MaxTicks)
        {
            MaxTicks = ticks;
        }
    }

    /// <summary>Adds every sample of <paramref name="other"/>: the result is what recording both would have given.</summary>
    public void Add(DurationHistogram other)
    {
        if (other.Count == 0)
        {
            return;
        }

        for (var c = 0; c < ChunkCount; c++)
        {
            if (other._chunks[c] is not { } theirs)
            {
                continue;
            }

            var mine = _chunks[c] ??= new int[SubBucketCount];
            for (var i = 0; i < SubBucketCount; i++)
            {
                mine[i] = checked(mine[i] + theirs[i]);
            }
        }

        Count += other.Count;
        TotalTicks += other.TotalTicks;
        MinTicks = Math.Min(MinTicks, other.MinTicks);
        MaxTicks = Math.Max(MaxTicks, other.MaxTicks);
    }

    /// <summary>
    /// Nearest-rank percentiles (the value at rank ceil(p x count)), each reported as the midpoint of the bucket
    /// holding that rank, kept within [min, max]; the maximum is exact.
    /// </summary>
    public DurationPercentiles Summarize()
    {
        if (Count == 0)
        {
            return DurationPercentiles.Empty;
        }

        ReadOnlySpan<int> basisPoints = [5000, 9000, 9500, 9900];
        Span<long> ranks = stackalloc long[basisPoints.Length];
        Span<long> values = stackalloc long[basisPoints.Length];
        for (var i = 0; i < basisPoints.Length; i++)
        {
            ranks[i] = RankOf(Count, basisPoints[i]);
        }

        var next = 0;
        long seen = 0;
        for (var c = 0; c < ChunkCount && next < ranks.Length; c++)
        {
            if (_chunks[c] is not { } counts)
            {
                continue;
            }

            for (var i = 0; i < SubBucketCount && next < ranks.Length; i++)
            {
                if (counts[i] == 0)
                {
                    continue;
                }

                seen += counts[i];
                while (next < ranks.Length && seen >= ranks[next])
                {
                    values[next] = Representative(c, i);
                    next++;
                }
            }
        }

        return new DurationPercentiles(
            checked((int)Count),
            TimeSpan.FromTicks(values[0]),
            TimeSpan.FromTicks(values[1]),
            TimeSpan.FromTicks(values[2]),
            TimeSpan.FromTicks(values[3]),
            TimeSpan.FromTicks(MaxTicks));
    }

    /// <summary>Nearest rank (1-based) of a percentile given in basis points (9500 = p95).</summary>
    internal static long RankOf(long count, int basisPoints) => Math.Max(1, ((count * basisPoints) + 9999) / 10000);

    private static void Locate(long ticks, out int chunk, out int offset)
    {
        if (ticks < SubBucketCount)
        {
            chunk = 0;
            offset = (int)ticks;
            return;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)ticks);
        var shift = exponent - SubBucketBits;
        chunk = shift + 1;
        offset = (int)(ticks >> shift) - SubBucketCount;
    }

    private long Representative(int chunk, int offset)
    {
        long low;
        long width;
        if (chunk == 0)
        {
            low = offset;
            width = 1;
        }
        else
        {
            var shift = chunk - 1;
            low = (long)(offset + SubBucketCount) << shift;
            width = 1L << shift;
        }

        return Math.Clamp(low + (width >> 1), MinTicks, MaxTicks);
    }
}
