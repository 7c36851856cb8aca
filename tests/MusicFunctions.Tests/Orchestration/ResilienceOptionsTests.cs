using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicFunctions.Configuration;
using MusicFunctions.Orchestration;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Orchestration;

public class ResilienceOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MusicApi:ApiKey"] = "test-key",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMusicFunctions(configuration).BuildServiceProvider();
    }

    private static void ValidateAtStartup(Dictionary<string, string?> extra)
    {
        using var provider = Build(extra);
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddMusicFunctions_ResilienceSettings_AreBoundIntoEveryActivitySection()
    {
        using var provider = Build(new()
        {
            ["Resilience:StatusPoll:MaxAttempts"] = "7",
            ["Resilience:StatusPoll:FirstInterval"] = "00:00:02",
            ["Resilience:Submit:MaxAttempts"] = "1",
            ["Resilience:IncompleteSuccessPolls"] = "9",
            ["MusicApi:Retry:MaxRetryAttempts"] = "5",
            ["MusicApi:Retry:MaxRetryAfter"] = "00:00:45",
        });

        var resilience = provider.GetRequiredService<IOptions<ResilienceOptions>>().Value;
        var musicApi = provider.GetRequiredService<IOptions<MusicApiOptions>>().Value;

        resilience.StatusPoll.MaxAttempts.Should().Be(7);
        resilience.StatusPoll.FirstInterval.Should().Be(TimeSpan.FromSeconds(2));
        resilience.StatusPoll.MaxInterval.Should().Be(TimeSpan.FromMinutes(1), "unset values keep their defaults");
        resilience.Submit.MaxAttempts.Should().Be(1);
        resilience.IncompleteSuccessPolls.Should().Be(9);
        musicApi.Retry.MaxRetryAttempts.Should().Be(5);
        musicApi.Retry.MaxRetryAfter.Should().Be(TimeSpan.FromSeconds(45));
    }

    [Theory]
    [InlineData("Resilience:Submit:MaxAttempts", "0", "Resilience:Submit:MaxAttempts")]
    [InlineData("Resilience:StatusPoll:FirstInterval", "00:00:00", "Resilience:StatusPoll:FirstInterval")]
    [InlineData("Resilience:Archive:BackoffCoefficient", "0.5", "Resilience:Archive:BackoffCoefficient")]
    [InlineData("Resilience:Manifest:MaxInterval", "00:00:00.500", "Resilience:Manifest:MaxInterval*must not be shorter than*FirstInterval")]
    [InlineData("Resilience:IncompleteSuccessPolls", "-1", "Resilience:IncompleteSuccessPolls")]
    [InlineData("MusicApi:Retry:MaxRetryAttempts", "11", "MusicApi:Retry:MaxRetryAttempts")]
    [InlineData("MusicApi:Retry:MaxDelay", "00:00:00.001", "MusicApi:Retry:MaxDelay*must not be shorter than*BaseDelay")]
    [InlineData("MusicApi:Retry:TotalTimeout", "00:00:10", "MusicApi:Retry:TotalTimeout*must not be shorter than*MusicApi:RequestTimeout")]
    public void AddMusicFunctions_BadRetrySetting_StopsNamingTheSetting(string key, string value, string expected) =>
        FluentActions.Invoking(() => ValidateAtStartup(new() { [key] = value }))
            .Should().Throw<OptionsValidationException>().WithMessage($"*{expected}*");

    [Fact]
    public void Copy_ChangingTheOriginalAfterwards_LeavesTheCopyAlone()
    {
        var original = new ResilienceOptions();
        var copy = original.Copy();

        original.StatusPoll.MaxAttempts = 99;
        original.IncompleteSuccessPolls = 0;

        copy.StatusPoll.MaxAttempts.Should().Be(10);
        copy.IncompleteSuccessPolls.Should().Be(5);
    }
}
