using System.Globalization;
using MmoeService.Api.Experiments;
using MmoeService.Api.Models;
using MmoeService.Api.Observability;
using Serilog;

namespace MmoeService.Api.Scoring;

/// <summary>
/// What one scoring request tells the outside world: properties of its single request log event (through
/// Serilog's diagnostic context) and its Prometheus series. Labels start as "none" and fill in as the pipeline
/// gets further, so a request rejected before routing is still counted. One per request.
/// </summary>
public sealed class ScoreTelemetry(ApiMetrics metrics, IDiagnosticContext diagnostics, UserIdHasher hasher)
{
    private const string None = "none";

    private string _model = None;
    private string _version = None;
    private string _arm = None;

    /// <summary>Logs the request's identity (the user only as a keyed hash) and returns that hash.</summary>
    public string Identify(ValidScoreRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unitHash = hasher.Hash(request.UserId);
        diagnostics.Set("RequestId", request.RequestId);
        diagnostics.Set("UserIdHash", unitHash);
        diagnostics.Set("CandidateCount", request.ItemIds.Count);
        return unitHash;
    }

    public void Routed(RouteDecision route)
    {
        ArgumentNullException.ThrowIfNull(route);
        _model = route.Model;
        _arm = route.Arm;
        diagnostics.Set("Model", route.Model);
        diagnostics.Set("Experiment", route.Experiment);
        diagnostics.Set("Arm", route.Arm);
    }

    public void Leased(ModelSnapshot snapshot, int candidates)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _version = snapshot.Version.ToString(CultureInfo.InvariantCulture);
        diagnostics.Set("ModelVersion", snapshot.Version);
        metrics.Candidates(snapshot.Name, candidates);
    }

    public void Completed(int status, TimeSpan elapsed)
    {
        diagnostics.Set("ScoringMs", elapsed.TotalMilliseconds);
        metrics.ScoreRequest(_model, _version, _arm, status, elapsed);
    }
}
