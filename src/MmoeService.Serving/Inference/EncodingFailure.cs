namespace MmoeService.Serving.Inference;

/// <summary>Why a request's features could not be encoded for a model version; the pipeline turns it into a 400.</summary>
/// <param name="Title">Short summary, e.g. "Unknown or repeated features".</param>
/// <param name="Detail">What the model takes, in words.</param>
/// <param name="Errors">Field path (e.g. <c>candidates[3].features.duration</c>) to messages.</param>
/// <param name="ExpectedFeatures">The model's feature names, when the failure is about names.</param>
public sealed record EncodingFailure(
    string Title,
    string Detail,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyList<string>? ExpectedFeatures);
