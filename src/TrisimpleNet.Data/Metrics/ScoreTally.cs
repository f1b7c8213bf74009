using System.Numerics;
using System.Runtime.CompilerServices;

namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Exact streaming tally of float32 scores: for every distinct score, the number of negatives and the summed weight
/// of the positives. Memory grows with the number of distinct scores, not with the number of samples.
/// </summary>
/// <remarks>
/// Scores are mapped to an order-preserving 32-bit key. The upper 16 bits pick one of 65536 buckets; a bucket keeps
/// its distinct lower 16 bits sorted, with a negative count and a positive weight for each, so a distinct score costs
/// 2 + 4 + sizeof(TWeight) bytes, plus less than one page of 256 entries per bucket. Samples are buffered
/// (2 * (4 + sizeof(TWeight)) bytes each, including the radix sort's scratch), sorted, and merged into each bucket in
/// place when the buffer is full.
/// </remarks>
internal sealed class ScoreTally<TWeight> where TWeight : struct, INumber<TWeight>
{
    public const int DefaultBufferCapacity = 1 << 22;
    private const int BucketCount = 1 << 16;

    private readonly uint[] bufferedKeys;
    private readonly TWeight[] bufferedWeights;
    private readonly uint[] bufferedNegatives;
    private readonly TWeight[] scratchWeights;
    private readonly Bucket?[] buckets = new Bucket?[BucketCount];
    private int bufferedCount;

    public ScoreTally(int bufferCapacity = DefaultBufferCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCapacity, 1);
        bufferedKeys = new uint[bufferCapacity];
        bufferedWeights = new TWeight[bufferCapacity];
        bufferedNegatives = new uint[bufferCapacity];
        scratchWeights = new TWeight[bufferCapacity];
    }

    public long NegativeCount { get; private set; }

    public long PositiveCount { get; private set; }

    public long DistinctScoreCount
    {
        get
        {
            Flush();
            return buckets.Sum(bucket => (long)(bucket?.Count ?? 0));
        }
    }

    /// <summary>Bytes held by the buffer and the buckets' arrays (object headers excluded).</summary>
    public long AllocatedBytes
    {
        get
        {
            long bytesPerBufferedSample = 2 * (sizeof(uint) + Unsafe.SizeOf<TWeight>());
            long bytesPerDistinctScore = sizeof(ushort) + sizeof(uint) + Unsafe.SizeOf<TWeight>();
            long bucketBytes = buckets.Sum(bucket => (long)(bucket?.Capacity ?? 0)) * bytesPerDistinctScore;
            return bufferedKeys.LongLength * bytesPerBufferedSample + bucketBytes;
        }
    }

    /// <summary>Adds one sample; a positive weight of zero marks a negative sample. Callers reject NaN scores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(float score, TWeight positiveWeight)
    {
        if (bufferedCount == bufferedKeys.Length)
        {
            Flush();
        }

        bufferedKeys[bufferedCount] = ToKey(score);
        bufferedWeights[bufferedCount] = positiveWeight;
        bufferedCount++;
        if (TWeight.IsZero(positiveWeight))
        {
            NegativeCount++;
        }
        else
        {
            PositiveCount++;
        }
    }

    /// <summary>The distinct scores from the highest to the lowest.</summary>
    public IEnumerable<ScoreRun<TWeight>> Descending()
    {
        Flush();
        for (int bucketIndex = BucketCount - 1; bucketIndex >= 0; bucketIndex--)
        {
            if (buckets[bucketIndex] is not { } bucket)
            {
                continue;
            }

            for (int i = bucket.Count - 1; i >= 0; i--)
            {
                uint key = ((uint)bucketIndex << 16) | bucket.LowKey(i);
                yield return new ScoreRun<TWeight>(FromKey(key), bucket.Negatives(i), bucket.Positives(i));
            }
        }
    }

    private void Flush()
    {
        if (bufferedCount == 0)
        {
            return;
        }

        // The negative counts' array is free until the keys are collapsed, so it serves as the sort's scratch keys.
        RadixSort.Sort(
            bufferedKeys.AsSpan(0, bufferedCount), bufferedWeights.AsSpan(0, bufferedCount),
            bufferedNegatives.AsSpan(0, bufferedCount), scratchWeights.AsSpan(0, bufferedCount));
        int runCount = CollapseEqualKeys();
        int start = 0;
        while (start < runCount)
        {
            int bucketIndex = (int)(bufferedKeys[start] >> 16);
            int end = start + 1;
            while (end < runCount && (int)(bufferedKeys[end] >> 16) == bucketIndex)
            {
                end++;
            }

            MergeIntoBucket(bucketIndex, start, end);
            start = end;
        }

        bufferedCount = 0;
    }

    /// <summary>Turns the sorted buffer into runs of distinct keys at its front; returns the number of runs.</summary>
    private int CollapseEqualKeys()
    {
        int runCount = 0;
        for (int i = 0; i < bufferedCount; i++)
        {
            uint key = bufferedKeys[i];
            TWeight weight = bufferedWeights[i];
            uint negative = TWeight.IsZero(weight) ? 1u : 0u;
            if (runCount > 0 && bufferedKeys[runCount - 1] == key)
            {
                bufferedWeights[runCount - 1] += weight;
                bufferedNegatives[runCount - 1] += negative;
            }
            else
            {
                bufferedKeys[runCount] = key;
                bufferedWeights[runCount] = weight;
                bufferedNegatives[runCount] = negative;
                runCount++;
            }
        }

        return runCount;
    }

    private void MergeIntoBucket(int bucketIndex, int runStart, int runEnd)
    {
        Bucket bucket = buckets[bucketIndex] ??= new Bucket();
        int newKeys = 0;
        for (int i = 0, r = runStart; r < runEnd;)
        {
            ushort low = (ushort)bufferedKeys[r];
            if (i < bucket.Count && bucket.LowKey(i) < low)
            {
                i++;
            }
            else
            {
                if (i >= bucket.Count || bucket.LowKey(i) != low)
                {
                    newKeys++;
                }

                r++;
            }
        }

        // Merging from the back lets old and new entries share the storage: a target index is never below the old entry
        // it overwrites.
        int oldIndex = bucket.Count - 1;
        int runIndex = runEnd - 1;
        bucket.Grow(newKeys);
        for (int target = bucket.Count - 1; target >= 0; target--)
        {
            ushort runLow = runIndex >= runStart ? (ushort)bufferedKeys[runIndex] : (ushort)0;
            bool takeRun = runIndex >= runStart && (oldIndex < 0 || bucket.LowKey(oldIndex) <= runLow);
            bool takeOld = oldIndex >= 0 && (runIndex < runStart || bucket.LowKey(oldIndex) >= runLow);
            uint negatives = checked((takeOld ? bucket.Negatives(oldIndex) : 0u) + (takeRun ? bufferedNegatives[runIndex] : 0u));
            TWeight positives = (takeOld ? bucket.Positives(oldIndex) : TWeight.Zero) + (takeRun ? bufferedWeights[runIndex] : TWeight.Zero);
            bucket.LowKey(target) = takeRun ? runLow : bucket.LowKey(oldIndex);
            bucket.Negatives(target) = negatives;
            bucket.Positives(target) = positives;
            oldIndex -= takeOld ? 1 : 0;
            runIndex -= takeRun ? 1 : 0;
        }
    }

    /// <summary>Maps a score to an unsigned key with the same order; -0 and +0 share a key.</summary>
    private static uint ToKey(float score)
    {
        uint bits = BitConverter.SingleToUInt32Bits(score == 0f ? 0f : score);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float FromKey(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);

    /// <summary>
    /// The distinct scores that share the upper 16 bits of their key, sorted by the lower 16 bits. Entries live in pages
    /// of 256 that are never moved or freed, so a growing bucket leaves no garbage and wastes less than one page.
    /// </summary>
    private sealed class Bucket
    {
        public const int PageSize = 256;
        private const int PageShift = 8;

        private readonly List<ushort[]> lowKeyPages = [];
        private readonly List<uint[]> negativePages = [];
        private readonly List<TWeight[]> positivePages = [];

        public int Count { get; private set; }

        public int Capacity => lowKeyPages.Count * PageSize;

        public void Grow(int additionalEntries)
        {
            Count += additionalEntries;
            while (Capacity < Count)
            {
                lowKeyPages.Add(new ushort[PageSize]);
                negativePages.Add(new uint[PageSize]);
                positivePages.Add(new TWeight[PageSize]);
            }
        }

        public ref ushort LowKey(int index) => ref lowKeyPages[index >> PageShift][index & (PageSize - 1)];

        public ref uint Negatives(int index) => ref negativePages[index >> PageShift][index & (PageSize - 1)];

        public ref TWeight Positives(int index) => ref positivePages[index >> PageShift][index & (PageSize - 1)];
    }
}
