using System.Globalization;
using System.Text;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>The fault suite's summary, one row per scenario, as a Markdown table.</summary>
public static class SummaryTable
{
    public static string Render(IEnumerable<ScenarioReport> reports)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | generations | completed | failed with reason | lost | duplicate submits | submit calls | faults served | blobs verified | bad blobs | seconds | verdict |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in reports)
        {
            var violations = r.Violations();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario.Name} | {r.Generations.Count} | {r.Completed} | {r.FailedWithReason} | {r.Lost} | {r.DuplicateSubmits} | {r.SubmitRequests} | " +
                $"{r.FaultsServed}/{r.FaultsInjected} | {r.BlobsVerified} | {r.BadBlobs} | {r.Took.TotalSeconds:0.0} | " +
                $"{(violations.Count == 0 ? "pass" : $"FAIL ({violations.Count})")} |");
        }
        return text.ToString();
    }
}
