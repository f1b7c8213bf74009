// Trains a ResNet18-preset detector for one epoch on the images in args[0], scores args[1], saves the detector to
// args[2] and exports it to ONNX at args[3]. Prints "score=..." and "threshold=..." (invariant culture, round-trip).
using System.Globalization;
using TrisimpleNet;

var options = TrisimpleNetOptions.ResNet18();
options.InputHeight = 64;
options.InputWidth = 64;
options.Epochs = 1;
options.Seed = 1;
// The ONNX export is a float32 graph; Auto would compute in bfloat16 on CPUs with AVX-512 BF16.
options.Precision = ComputePrecision.Float32;

using var detector = new AnomalyDetectorBuilder(options).Train(Directory.GetFiles(args[0], "*.png").Order());
var prediction = detector.Predict(args[1]);
detector.Save(args[2]);
detector.ExportOnnx(args[3]);
using var loaded = AnomalyDetector.Load(args[2]);

Console.WriteLine($"score={prediction.Score.ToString("R", CultureInfo.InvariantCulture)}");
Console.WriteLine($"loaded_score={loaded.Predict(args[1]).Score.ToString("R", CultureInfo.InvariantCulture)}");
Console.WriteLine($"threshold={detector.Threshold.ToString("R", CultureInfo.InvariantCulture)}");
