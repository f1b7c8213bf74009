using TrisimpleNet;
using TrisimpleNet.WebApi;

// A minimal API that scores uploaded images with one shared, loaded detector:
//   dotnet run --project samples/TrisimpleNet.WebApi -- --Detector:ModelPath=parts.tsn --urls http://127.0.0.1:5080
//   curl --data-binary @part.png -H "Content-Type: image/png" http://127.0.0.1:5080/score
var builder = WebApplication.CreateBuilder(args);
string modelPath = builder.Configuration[ScoreEndpoint.ModelPathSetting]
    ?? throw new ArgumentException($"Set {ScoreEndpoint.ModelPathSetting} to a saved detector file (for example --{ScoreEndpoint.ModelPathSetting}=parts.tsn).");
builder.Services.AddTrisimpleNetDetector(ScoreEndpoint.DetectorName, modelPath);

var app = builder.Build();
app.MapPost("/score", ScoreEndpoint.Score).DisableAntiforgery();
app.Run();

/// <summary>The application's entry point, public so that tests can host it in-process.</summary>
public partial class Program;
