using Microsoft.AspNetCore.Mvc;

namespace TrisimpleNet.WebApi;

/// <summary>
/// POST /score: the request body (an encoded image, or the first file of a multipart form) scored by the shared
/// detector. 200 with <see cref="ScoreResponse"/>; 400 with the reason when the upload is not a usable image.
/// </summary>
public static class ScoreEndpoint
{
    /// <summary>The configuration key of the saved detector file.</summary>
    public const string ModelPathSetting = "Detector:ModelPath";

    /// <summary>The key the detector is registered under.</summary>
    public const string DetectorName = "detector";

    /// <summary>Scores the uploaded image.</summary>
    public static async Task<IResult> Score([FromKeyedServices(DetectorName)] AnomalyDetector detector, HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                if (form.Files.Count == 0) return Results.Problem("The form holds no file.", statusCode: StatusCodes.Status400BadRequest);
                await using var file = form.Files[0].OpenReadStream();
                return Results.Ok(ScoreResponse.From(await detector.PredictAsync(file, form.Files[0].FileName, cancellationToken)));
            }
            return Results.Ok(ScoreResponse.From(await detector.PredictAsync(request.Body, "request body", cancellationToken)));
        }
        catch (InvalidDataException error)
        {
            return Results.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest, title: "The upload is not a usable image.");
        }
    }
}
