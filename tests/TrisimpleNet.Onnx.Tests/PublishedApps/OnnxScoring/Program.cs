// Scores images with an exported model on ONNX Runtime alone and prints images per second.
// Usage: OnnxScoring <model.onnx> <image folder> <images to time>
using System.Diagnostics;
using TrisimpleNet.Onnx;

var images = Directory.GetFiles(args[1], "*.png").Order(StringComparer.Ordinal).ToArray();
int count = int.Parse(args[2]);
using var detector = OnnxAnomalyDetector.Load(args[0]);
var timed = Enumerable.Range(0, count).Select(i => images[i % images.Length]).ToArray();
detector.Predict(timed.Take(detector.BatchSize).ToArray());
var clock = Stopwatch.StartNew();
var predictions = detector.Predict(timed);
clock.Stop();
Console.WriteLine($"onnxruntime: {count / clock.Elapsed.TotalSeconds:F2} images/s ({count} images, {clock.Elapsed.TotalSeconds:F1} s, batch {detector.BatchSize}); anomalous {predictions.Count(p => p.IsAnomalous)}");
