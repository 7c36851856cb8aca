using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicFunctions.Configuration;

namespace MusicFunctions.Tests.Configuration;

public class ServiceCollectionExtensionsTests
{
    private static readonly Dictionary<string, string?> ValidSettings = new()
    {
        ["MusicApi:ApiKey"] = "test-key",
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
    };

    private static void ValidateAtStartup(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMusicFunctions(configuration).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddMusicFunctions_ValidSettings_StartsCleanly() =>
        FluentActions.Invoking(() => ValidateAtStartup(ValidSettings)).Should().NotThrow();

    [Fact]
    public void AddMusicFunctions_MissingApiKey_StopsNamingTheSetting()
    {
        var settings = new Dictionary<string, string?>(ValidSettings) { ["MusicApi:ApiKey"] = null };

        FluentActions.Invoking(() => ValidateAtStartup(settings))
            .Should().Throw<OptionsValidationException>().WithMessage("*MusicApi:ApiKey*");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/v1")]
    public void AddMusicFunctions_BadBaseUrl_StopsNamingTheSetting(string baseUrl)
    {
        var settings = new Dictionary<string, string?>(ValidSettings) { ["MusicApi:BaseUrl"] = baseUrl };

        FluentActions.Invoking(() => ValidateAtStartup(settings))
            .Should().Throw<Exception>().Which.ToString().Should().Contain("MusicApi:BaseUrl");
    }

    [Fact]
    public void AddMusicFunctions_NoStorage_StopsNamingBothSettings()
    {
        var settings = new Dictionary<string, string?>(ValidSettings) { ["AzureWebJobsStorage"] = null };

        FluentActions.Invoking(() => ValidateAtStartup(settings))
            .Should().Throw<OptionsValidationException>().WithMessage("*ArchiveStorage*AzureWebJobsStorage*");
    }

    [Fact]
    public void AddMusicFunctions_MaxIntervalBelowInterval_IsRejected()
    {
        var settings = new Dictionary<string, string?>(ValidSettings) { ["Polling:Interval"] = "00:00:30", ["Polling:MaxInterval"] = "00:00:10" };

        FluentActions.Invoking(() => ValidateAtStartup(settings))
            .Should().Throw<OptionsValidationException>().WithMessage("*Polling:MaxInterval*");
    }
}
