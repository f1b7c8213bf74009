// Measures the calibrated decisions on an MVTec-layout category (docs/deployment.md):
//   dotnet run docs/deployment/MeasureCalibratedRates.cs -c Release -- ../shared/data/kolektor-sdd 320 128 4
// Trains the ResNet18 preset on train/good with the default 10% held out for calibration (1% target rate), then
// reports image and pixel false-positive and detection rates on the test images at the calibrated thresholds.
#:project ../../src/TrisimpleNet.Data/TrisimpleNet.Data.csproj
#:property UsesTorchBackend=true
#:property PublishAot=false
using System.Diagnostics;
using System.Globalization;
using TrisimpleNet;
using TrisimpleNet.Data.Datasets;

string folder = args[0];
var options = TrisimpleNetOptions.ResNet18();
options.InputHeight = int.Parse(args[1], CultureInfo.InvariantCulture);
options.InputWidth = int.Parse(args[2], CultureInfo.InvariantCulture);
options.Epochs = int.Parse(args[3], CultureInfo.InvariantCulture);
options.Threads = Environment.ProcessorCount;
var dataset = MvtecAdDataset.LoadCategory(folder);

var clock = Stopwatch.StartNew();
using var detector = new AnomalyDetectorBuilder(options).Train(dataset.Train);
var decisions = detector.Decisions;
Console.WriteLine($"trained on {dataset.Train.Count - decisions.CalibrationImageCount} images, calibrated on {decisions.CalibrationImageCount} held out, {clock.Elapsed.TotalMinutes:F1} min");
Console.WriteLine($"image threshold {decisions.ImageThreshold:G6}, pixel threshold {decisions.PixelThreshold:G6}");

var predictions = detector.Predict(dataset.Test.Select(sample => sample.Image).ToList());
int normalImages = 0, falsePositiveImages = 0, defectImages = 0, detectedImages = 0;
long normalPixels = 0, falsePositivePixels = 0, defectPixels = 0, detectedPixels = 0;
for (int i = 0; i < predictions.Count; i++)
{
    var sample = dataset.Test[i];
    var prediction = predictions[i];
    if (sample.IsAnomalous) { defectImages++; if (prediction.IsAnomalous) detectedImages++; }
    else { normalImages++; if (prediction.IsAnomalous) falsePositiveImages++; }
    byte[]? truth = null;
    if (sample.HasMask)
    {
        using var mask = sample.OpenMask();
        truth = detector.Preprocessor.PrepareMask(mask);
    }
    for (int p = 0; p < prediction.Mask.Length; p++)
    {
        if (truth is not null && truth[p] != 0) { defectPixels++; if (prediction.Mask[p]) detectedPixels++; }
        else { normalPixels++; if (prediction.Mask[p]) falsePositivePixels++; }
    }
}
Console.WriteLine($"image false-positive rate {falsePositiveImages}/{normalImages} = {(double)falsePositiveImages / normalImages:P1}");
Console.WriteLine($"image detection rate {detectedImages}/{defectImages} = {(double)detectedImages / defectImages:P1}");
Console.WriteLine($"pixel false-positive rate {falsePositivePixels}/{normalPixels} = {(double)falsePositivePixels / normalPixels:P2}");
Console.WriteLine($"pixel detection rate {detectedPixels}/{defectPixels} = {(double)detectedPixels / defectPixels:P1}");
