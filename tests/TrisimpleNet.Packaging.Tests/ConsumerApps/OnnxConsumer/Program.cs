// Scores the image args[1] with the ONNX model args[0] on ONNX Runtime. Prints "score=..." and "threshold=..."
// (invariant culture, round-trip).
using System.Globalization;
using TrisimpleNet.Onnx;

using var detector = OnnxAnomalyDetector.Load(args[0]);
var prediction = detector.Predict(args[1]);

Console.WriteLine($"score={prediction.Score.ToString("R", CultureInfo.InvariantCulture)}");
Console.WriteLine($"threshold={detector.Threshold.ToString("R", CultureInfo.InvariantCulture)}");
