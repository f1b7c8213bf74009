using CsvHelper;
using TrisimpleNet.Data.Reports;
using TrisimpleNet.Samples;

namespace TrisimpleNet.Inspect;

/// <summary>
/// <c>scores.csv</c>: one row per image with its file, image score (round-trip precision), verdict against the
/// threshold and label ("defect", "normal" or empty when unlabelled); RFC 4180 (quoted where needed, CRLF line ends), invariant culture.
/// </summary>
public static class ScoresCsv
{
    /// <summary>The header row's fields.</summary>
    public static readonly IReadOnlyList<string> Header = ["file", "image_score", "verdict", "label"];

    /// <summary>Writes the rows of <paramref name="images"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<ScoredImage> images, float threshold) =>
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteHeader(Header.ToArray());
            foreach (var image in images)
            {
                csv.WriteField(image.Image.Name);
                csv.WriteField(image.Score, "R");
                csv.WriteField(image.VerdictAt(threshold));
                csv.WriteField(image.Label);
                csv.EndRecord();
            }
        });
}
