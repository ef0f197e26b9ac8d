namespace MmoeService.Api.Experiments.Scorecards;

public sealed record TrafficBucket(DateTimeOffset Start, long Requests);
