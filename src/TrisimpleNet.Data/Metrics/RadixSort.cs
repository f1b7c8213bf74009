namespace TrisimpleNet.Data.Metrics;

/// <summary>Stable least-significant-digit radix sort of 32-bit keys with their items, in two passes of 16 bits.</summary>
internal static class RadixSort
{
    private const int DigitValues = 1 << 16;

    /// <summary>Sorts <paramref name="keys"/> ascending and permutes <paramref name="items"/> alike; the scratch spans must be as long.</summary>
    public static void Sort<TItem>(Span<uint> keys, Span<TItem> items, Span<uint> scratchKeys, Span<TItem> scratchItems)
    {
        var digitStarts = new int[DigitValues];
        Distribute(keys, items, scratchKeys, scratchItems, shift: 0, digitStarts);
        Distribute(scratchKeys, items: scratchItems, keys, items, shift: 16, digitStarts);
    }

    private static void Distribute<TItem>(Span<uint> keys, Span<TItem> items, Span<uint> targetKeys, Span<TItem> targetItems, int shift, int[] digitStarts)
    {
        Array.Clear(digitStarts);
        foreach (uint key in keys)
        {
            digitStarts[(key >> shift) & 0xFFFF]++;
        }

        int start = 0;
        for (int digit = 0; digit < DigitValues; digit++)
        {
            int count = digitStarts[digit];
            digitStarts[digit] = start;
            start += count;
        }

        for (int i = 0; i < keys.Length; i++)
        {
            int target = digitStarts[(keys[i] >> shift) & 0xFFFF]++;
            targetKeys[target] = keys[i];
            targetItems[target] = items[i];
        }
    }
}
