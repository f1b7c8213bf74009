// Computes the image AUROC of four scores, two of them of defective images. Prints "auroc=..." (invariant culture).
using System.Globalization;
using TrisimpleNet.Data.Metrics;

float[] scores = [0.1f, 0.4f, 0.35f, 0.8f];
bool[] defective = [false, false, true, true];

Console.WriteLine($"auroc={Auroc.Compute(scores, defective).ToString("R", CultureInfo.InvariantCulture)}");
