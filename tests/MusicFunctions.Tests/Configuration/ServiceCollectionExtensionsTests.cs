using Azure.Storage.Blobs;
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

    [Fact]
    public void AddMusicFunctions_IdentityBasedArchiveStorage_BuildsATokenClientForTheServiceUri()
    {
        // Arrange: the settings the Bicep template gives a deployed app (no keys anywhere).
        var settings = new Dictionary<string, string?>
        {
            ["MusicApi:ApiKey"] = "test-key",
            ["AzureWebJobsStorage:accountName"] = "musichoststore",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["ArchiveStorage:serviceUri"] = "https://musicarchive.blob.core.windows.net/",
            ["ArchiveStorage:credential"] = "managedidentity",
            ["ArchiveStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMusicFunctions(configuration).BuildServiceProvider();

        // Act
        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<BlobServiceClient>();

        // Assert
        client.Uri.Should().Be(new Uri("https://musicarchive.blob.core.windows.net/"));
        client.CanGenerateAccountSasUri.Should().BeFalse("an identity-based client holds no account key");
        provider.GetRequiredService<IOptions<ArchiveStorageOptions>>().Value.Source.Should().Be("ArchiveStorage");
    }

    [Fact]
    public void AddMusicFunctions_OnlyHostIdentityStorage_ArchivesToTheHostAccount()
    {
        var settings = new Dictionary<string, string?>
        {
            ["MusicApi:ApiKey"] = "test-key",
            ["AzureWebJobsStorage:accountName"] = "musichoststore",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMusicFunctions(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<BlobServiceClient>().Uri.Should().Be(new Uri("https://musichoststore.blob.core.windows.net/"));
    }

    [Fact]
    public void AddMusicFunctions_ConnectionString_PrefersArchiveStorageOverTheHost()
    {
        var settings = new Dictionary<string, string?>(ValidSettings)
        {
            ["ArchiveStorage"] = "DefaultEndpointsProtocol=https;AccountName=archiveacct;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMusicFunctions(configuration).BuildServiceProvider();

        provider.GetRequiredService<BlobServiceClient>().AccountName.Should().Be("archiveacct");
    }
}
