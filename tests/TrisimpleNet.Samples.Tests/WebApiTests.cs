using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TrisimpleNet.WebApi;

namespace TrisimpleNet.Samples.Tests;

/// <summary>The Web API sample, hosted in-process, scores a real uploaded image and refuses a corrupt one with 400.</summary>
public sealed class WebApiTests(TrainedTinyModel model) : IClassFixture<TrainedTinyModel>
{
    private WebApplicationFactory<Program> Host() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host => host.UseSetting(ScoreEndpoint.ModelPathSetting, model.ModelPath));

    private string AnImage(string folder) => Directory.GetFiles(Path.Combine(model.CategoryFolder, "test", folder), "*.png").Order().First();

    [Fact]
    public async Task AnUploadedImageIsScoredAsTheDetectorScoresIt()
    {
        var path = AnImage("good");
        using var host = Host();
        using var client = host.CreateClient();
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await client.PostAsync("/score", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scored = await response.Content.ReadFromJsonAsync<ScoreResponse>();
        using var detector = AnomalyDetector.Load(model.ModelPath);
        var expected = detector.Predict(path);
        Assert.Equal(expected.Score, scored!.Score);
        Assert.Equal(expected.IsAnomalous, scored.IsAnomalous);
    }

    [Fact]
    public async Task AMultipartUploadIsScored()
    {
        using var host = Host();
        using var client = host.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(AnImage("good"))), "image", "part.png" } };

        using var response = await client.PostAsync("/score", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("part.png", (await response.Content.ReadFromJsonAsync<ScoreResponse>())!.Name);
    }

    [Fact]
    public async Task ACorruptUploadIsABadRequestSayingWhy()
    {
        using var host = Host();
        using var client = host.CreateClient();
        var truncated = (await File.ReadAllBytesAsync(AnImage("good")))[..200];

        using var response = await client.PostAsync("/score", new ByteArrayContent(truncated));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("request body", problem);
        Assert.Contains("truncated", problem);
    }
}
