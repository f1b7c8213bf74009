// Trains and exports a detector, or scores images with TorchSharp and prints images per second.
// Usage: TorchScoring train <image folder> <images> <detector file> <model.onnx>
//        TorchScoring score <detector file> <image folder> <images to time>
using System.Diagnostics;
using TrisimpleNet;
using TrisimpleNet.Imaging;

if (args[0] == "train")
{
    var options = TrisimpleNetOptions.ResNet18();
    options.Epochs = 1;
    var training = Directory.GetFiles(args[1], "*.png").Order(StringComparer.Ordinal).Take(int.Parse(args[2])).ToArray();
    using var trained = new AnomalyDetectorBuilder(options).Train(training);
    trained.Save(args[3]);
    trained.ExportOnnx(args[4]);
    return;
}

var images = Directory.GetFiles(args[2], "*.png").Order(StringComparer.Ordinal).ToArray();
int count = int.Parse(args[3]);
using var detector = AnomalyDetector.Load(args[1]);
var timed = Enumerable.Range(0, count).Select(i => ImageSource.FromFile(images[i % images.Length])).ToList();
detector.Predict(timed.Take(detector.Options.InferenceBatchSize).ToList());
var clock = Stopwatch.StartNew();
var predictions = detector.Predict(timed);
clock.Stop();
Console.WriteLine($"torchsharp: {count / clock.Elapsed.TotalSeconds:F2} images/s ({count} images, {clock.Elapsed.TotalSeconds:F1} s, batch {detector.Options.InferenceBatchSize}); anomalous {predictions.Count(p => p.Score >= detector.Threshold)}");
