using System.Diagnostics;
using MmoeService.Api.Health;
using MmoeService.Api.Limits;
using MmoeService.Api.Observability;
using MmoeService.Api.OpenApi;
using MmoeService.Api.Shutdown;
using MmoeService.ExperimentPlatform;
using MmoeService.ExperimentPlatform.Assignment;
using MmoeService.ExperimentPlatform.Dashboard;
using MmoeService.ExperimentPlatform.Exposures;
using MmoeService.ExperimentPlatform.Feedback;
using MmoeService.ExperimentPlatform.Scorecards;
using MmoeService.ExperimentPlatform.Spool;
using MmoeService.ExperimentPlatform.Store;
using MmoeService.Serving.Batching;
using MmoeService.Serving.Grpc;
using MmoeService.Serving.ModelRepository;
using MmoeService.Serving.Scoring;
using Serilog;

Log.Logger = ObservabilityExtensions.CreateBootstrapLogger();
try
{
    // The content root is the application's own folder, not the working directory, so a published build started
    // from anywhere (a process manager, a container) finds appsettings.json and the bundled models/.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddObservability();
    builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier);
    builder.AddModels();
    builder.AddScoring();
    builder.AddBatching();
    builder.AddProtocols();
    builder.AddExperimentPlatform();
    builder.AddHealth();
    builder.AddLimits();
    builder.AddApiDocs();
    builder.AddShutdown();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseObservability();
    app.UseLimits();
    app.MapScoring().WithAdmissionLimits();
    app.MapProtocols().WithAdmissionLimits();
    app.MapModels();
    app.MapFeedback().WithAdmissionLimits();
    app.MapScorecards();
    app.MapDashboard();
    app.MapHealth();
    app.MapObservability();
    app.MapApiDocs();
    app.Run();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "MmoeService failed to start or stopped unexpectedly");
    return 1;
}
finally
{
    Log.CloseAndFlush();
}
