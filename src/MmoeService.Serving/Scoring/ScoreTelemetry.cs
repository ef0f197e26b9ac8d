using System.Globalization;
using Serilog;

namespace MmoeService.Serving.Scoring;

/// <summary>
/// What one finished scoring request tells the outside world: properties of its single request log event (through
/// Serilog's diagnostic context, which follows the request's async flow) and its Prometheus series. Labels read
/// "none" for what the request never reached, so a request rejected before routing is still counted.
/// </summary>
public sealed class ScoreTelemetry(ScoringMetrics metrics, IDiagnosticContext diagnostics)
{
    private const string None = "none";

    public void Observe(ScoreOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var request = outcome.Request;
        diagnostics.Set("RequestId", request.RequestId);
        diagnostics.Set("UserIdHash", request.UnitHash);
        diagnostics.Set("CandidateCount", request.Candidates);
        diagnostics.Set("ScoringMs", request.Latency.TotalMilliseconds);
        if (request.Route is { } route)
        {
            diagnostics.Set("Model", route.Model);
            diagnostics.Set("Experiment", route.Experiment);
            diagnostics.Set("Arm", route.Arm);
        }

        if (request.ModelVersion is { } version)
        {
            diagnostics.Set("ModelVersion", version);
            metrics.Candidates(request.Route!.Model, request.Candidates);
        }

        if (outcome is ScoreOutcome.Rejected { Problem: { Status: StatusCodes.Status422UnprocessableEntity, Errors: { } errors } })
        {
            // Which candidate's output was not finite (never the values).
            diagnostics.Set("NonFiniteOutputAt", errors.Keys.FirstOrDefault());
        }

        metrics.ScoreRequest(
            request.Route?.Model ?? None,
            request.ModelVersion?.ToString(CultureInfo.InvariantCulture) ?? None,
            request.Route?.Arm ?? None,
            request.Status,
            request.Latency);
    }
}
