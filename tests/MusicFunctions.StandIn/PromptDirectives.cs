using System.Globalization;
using System.Text.RegularExpressions;

namespace MusicFunctions.StandIn;

/// <summary>
/// Lets a developer script a generation by hand through its prompt:
/// <c>[polls:N]</c>, <c>[fail:reason]</c>, <c>[never]</c>, <c>[snake]</c>.
/// </summary>
internal static partial class PromptDirectives
{
    public static GenerationScript Apply(GenerationScript script, string prompt)
    {
        foreach (Match match in Directive().Matches(prompt))
        {
            var argument = match.Groups["argument"].Success ? match.Groups["argument"].Value.Trim() : "";
            script = match.Groups["name"].Value.ToLowerInvariant() switch
            {
                "polls" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var polls) =>
                    script with { PollsBeforeDone = polls, CompleteAfter = null },
                "fail" => script with
                {
                    Outcome = StandInOutcome.Failed,
                    FailReason = argument.Length > 0 ? argument : GenerationScript.DefaultFailReason,
                },
                "never" => script with { Outcome = StandInOutcome.Never },
                "snake" => script with { SnakeCaseTracks = true },
                _ => script,
            };
        }
        return script;
    }

    [GeneratedRegex(@"\[(?<name>polls|fail|never|snake)(?::(?<argument>[^\]]*))?\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}
