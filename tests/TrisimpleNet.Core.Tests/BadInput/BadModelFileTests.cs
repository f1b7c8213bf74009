using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>
/// <see cref="AnomalyDetector.Load"/> of a damaged or foreign file is an <see cref="InvalidDataException"/> naming
/// the file. The detector uses the packaged ResNet18, so that the public one-argument Load rebuilds it.
/// </summary>
public sealed class BadModelFileTests(BadModelFileTests.SavedDetector saved) : IClassFixture<BadModelFileTests.SavedDetector>
{
    [Fact]
    public void TheUndamagedFileLoads()
    {
        using var detector = AnomalyDetector.Load(Write("intact.tsn", saved.Bytes));

        Assert.Equal(saved.Threshold, detector.Threshold);
    }

    [Fact]
    public void MissingFileIsFileNotFoundNamingIt()
    {
        var path = Path.Combine(saved.Folder, "absent.tsn");

        var error = Assert.Throws<FileNotFoundException>(() => AnomalyDetector.Load(path));

        Assert.Equal(path, error.FileName);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void TruncatedFileIsRefusedNamingIt(double keptShare)
    {
        var path = Write("truncated.tsn", saved.Bytes[..(int)(saved.Bytes.Length * keptShare)]);

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(0.3)] // in the header
    [InlineData(0.6)] // in the weights
    [InlineData(0.9999)] // in the checksum
    public void OneFlippedByteIsRefusedNamingTheFile(double position)
    {
        var bytes = (byte[])saved.Bytes.Clone();
        bytes[(int)(bytes.Length * position)] ^= 0x10;
        var path = Write("flipped.tsn", bytes);

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void NewerFormatVersionIsRefusedNamingTheVersion()
    {
        // The format version is the little-endian int32 after the 8-byte signature.
        var bytes = (byte[])saved.Bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 99);
        var path = Write("newer.tsn", bytes);

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("format 99", error.Message);
    }

    [Theory]
    [InlineData("{\"Options\": {")] // cut short
    [InlineData("[1, 2, 3]")] // not an object
    [InlineData("{\"Options\": 5}")] // a number where the options belong
    [InlineData("{}")] // no options, no backbone
    public void MalformedHeaderWithAValidChecksumIsRefusedNamingTheFile(string header)
    {
        var path = Write("malformed-header.tsn", WithHeader(saved.Bytes, header));

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("malformed header", error.Message);
    }

    [Theory]
    [InlineData("Epochs", "0")]
    [InlineData("SmoothingSigma", "-1.5")]
    public void InvalidStoredOptionWithAValidChecksumIsRefusedNamingTheFileAndTheOption(string option, string value)
    {
        var header = JsonNode.Parse(HeaderOf(saved.Bytes))!;
        header["Options"]![option] = JsonNode.Parse(value);
        var path = Write("invalid-option.tsn", WithHeader(saved.Bytes, header.ToJsonString()));

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains($"{nameof(TrisimpleNetOptions)}.{option}", error.Message);
        Assert.IsType<OptionsValidationException>(error.InnerException);
    }

    private static string HeaderOf(byte[] file) =>
        System.Text.Encoding.UTF8.GetString(file, 16, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12)));

    // Signature (8 bytes), version and header length (int32 each), header, payload, then the SHA-256 of all before it.
    private static byte[] WithHeader(byte[] file, string header)
    {
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12));
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header);
        var body = new List<byte>(file[..12]);
        body.AddRange(BitConverter.GetBytes(headerBytes.Length));
        body.AddRange(headerBytes);
        body.AddRange(file[(16 + headerLength)..^32]);
        return [.. body, .. System.Security.Cryptography.SHA256.HashData(body.ToArray())];
    }

    [Fact]
    public void EmptyFileIsNotADetector()
    {
        var path = Write("empty.tsn", []);

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a TrisimpleNet detector file", error.Message);
    }

    [Fact]
    public void PngImageIsNotADetector()
    {
        using var image = new Image<Rgb24>(16, 16);
        var path = Path.Combine(saved.Folder, "image.tsn");
        image.SaveAsPng(path);

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a TrisimpleNet detector file", error.Message);
    }

    [Fact]
    public void TextFileIsNotADetector()
    {
        var path = Write("readme.tsn", "model moved to /srv/models\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => AnomalyDetector.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a TrisimpleNet detector file", error.Message);
    }

    private string Write(string fileName, byte[] bytes)
    {
        var path = Path.Combine(saved.Folder, Guid.NewGuid().ToString("N")[..8] + "-" + fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The bytes of a saved detector with the packaged ResNet18 at 32 x 32 input, trained 1 epoch on 2 images.</summary>
    public sealed class SavedDetector : IDisposable
    {
        public SavedDetector()
        {
            var options = TrisimpleNetOptions.ResNet18();
            (options.Resize, options.CropSize, options.InputPixels) = (32, 32, null);
            (options.LayerEmbeddingWidth, options.EmbeddingWidth, options.DiscriminatorHiddenWidth) = (32, 32, 16);
            (options.Epochs, options.BatchSize) = (1, 2);
            using var detector = new AnomalyDetectorBuilder(options).Train(TinyDetectorFixture.Images(2));
            var path = Path.Combine(Folder, "model.tsn");
            detector.Save(path);
            Bytes = File.ReadAllBytes(path);
            Threshold = detector.Threshold;
        }

        public string Folder { get; } = Directory.CreateTempSubdirectory("trisimplenet-modelfiles-").FullName;

        public byte[] Bytes { get; }

        public float Threshold { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
