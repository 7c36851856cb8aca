namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>One scenario's outcome: the summary row and everything that broke a rule.</summary>
public sealed record ScenarioReport(FaultScenario Scenario, IReadOnlyList<GenerationCheck> Generations, int FaultsInjected, int FaultsServed, int SubmitRequests, TimeSpan Took)
{
    public int Completed => Generations.Count(g => g.Outcome.IsCompleted);
    public int FailedWithReason => Generations.Count(g => g.FailedWithClearReason);
    public int FailedUnclearly => Generations.Count(g => g.FailedUnclearly);
    public int Lost => Generations.Count(g => g.IsLost);

    /// <summary>Upstream tasks beyond the first per generation: songs paid for twice.</summary>
    public int DuplicateSubmits => Generations.Sum(g => Math.Max(0, g.UpstreamTasks - 1));
    public int BlobsVerified => Generations.Sum(g => g.Blobs.Count(b => b.IsIntact));
    public int BadBlobs => Generations.Sum(g => g.Blobs.Count(b => !b.IsIntact));

    /// <summary>Every rule of the suite this scenario broke, in words; empty when it passed.</summary>
    public IReadOnlyList<string> Violations()
    {
        var violations = new List<string>();
        var expectedFailures = Scenario.ExpectedFailures;
        foreach (var generation in Generations)
        {
            var id = generation.Outcome.InstanceId;
            if (generation.IsLost)
            {
                violations.Add($"{id} did not end within {Scenario.Deadline.TotalSeconds:0} s (status {generation.Outcome.Status}): lost");
            }
            if (generation.FailedUnclearly)
            {
                violations.Add($"{id} ended {generation.Outcome.Status} without a clear reason: {generation.Outcome.FailureMessage}");
            }
            if (generation.Outcome.IsFailed && Scenario.ExpectedFailureText is { } text
                && generation.Outcome.FailureMessage?.Contains(text, StringComparison.Ordinal) != true)
            {
                violations.Add($"{id} failed, but not for the scripted reason '{text}': {generation.Outcome.FailureMessage}");
            }
            if (generation.UpstreamTasks > 1)
            {
                violations.Add($"{id} submitted {generation.UpstreamTasks} upstream tasks: paid {generation.UpstreamTasks} times for one song");
            }
            if (generation.Outcome.IsCompleted && generation.UpstreamTasks != 1)
            {
                violations.Add($"{id} completed with {generation.UpstreamTasks} upstream tasks");
            }
            violations.AddRange(generation.Blobs.Where(b => !b.IsIntact).Select(b => $"{b.BlobName}: {b.Problem}"));
            violations.AddRange(generation.ResultProblems.Select(problem => $"{id}: {problem}"));
        }
        if (!Scenario.MayFail && Completed != Generations.Count - expectedFailures)
        {
            var failures = Generations.Where(g => g.Outcome.IsFailed).Select(g => g.Outcome.FailureMessage).Distinct();
            violations.Add($"{Completed} of {Generations.Count} completed, {Generations.Count - expectedFailures} expected; failures: " +
                string.Join(" | ", failures));
        }
        if (FaultsServed < FaultsInjected)
        {
            violations.Add($"only {FaultsServed} of the {FaultsInjected} injected faults were served: the scenario did not happen as written");
        }
        return violations;
    }
}
