namespace MmoeService.ExperimentPlatform.Scorecards;

public sealed record TrafficBucket(DateTimeOffset Start, long Requests);
