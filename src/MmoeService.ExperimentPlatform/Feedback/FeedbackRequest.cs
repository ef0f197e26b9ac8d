namespace MmoeService.ExperimentPlatform.Feedback;

/// <summary>Body of <c>POST /feedback</c>: an object with the batch under <c>events</c>.</summary>
public sealed class FeedbackRequest
{
    /// <summary>1 to <c>Feedback:MaxEvents</c> outcomes, written in one transaction.</summary>
    public List<FeedbackEventBody?>? Events { get; set; }
}
