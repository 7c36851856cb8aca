using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicFunctions.Configuration;
using MusicFunctions.Queues;

namespace MusicFunctions.Tests.Queues;

public class QueueStorageConnectionTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static QueueServiceClient BuildClient(Dictionary<string, string?> settings)
    {
        settings["MusicApi:ApiKey"] = "test-key";
        var provider = new ServiceCollection().AddLogging().AddMusicFunctions(Configuration(settings)).BuildServiceProvider();
        return provider.GetRequiredService<QueueServiceClient>();
    }

    [Fact]
    public void Resolve_HostIdentityByAccountName_UsesTheAccountsQueueEndpointWithItsCredential()
    {
        var client = BuildClient(new()
        {
            ["AzureWebJobsStorage:accountName"] = "musichoststore",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        client.Uri.Should().Be(new Uri("https://musichoststore.queue.core.windows.net/"));
        client.CanGenerateAccountSasUri.Should().BeFalse("an identity-based client holds no account key");
    }

    [Fact]
    public void Resolve_HostAndArchiveConnectionStrings_PrefersTheHostWhereTheRequestQueueIs()
    {
        var client = BuildClient(new()
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=hostacct;AccountKey=a2V5;EndpointSuffix=core.windows.net",
            ["ArchiveStorage"] = "DefaultEndpointsProtocol=https;AccountName=archiveacct;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        });

        client.AccountName.Should().Be("hostacct");
    }

    [Fact]
    public void Resolve_OnlyArchiveConnectionString_FallsBackToIt()
    {
        var resolved = QueueStorageConnection.Resolve(Configuration(new()
        {
            ["ArchiveStorage"] = "DefaultEndpointsProtocol=https;AccountName=archiveacct;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        }));

        resolved!.Value.Source.Should().Be("ArchiveStorage");
    }

    [Fact]
    public void Resolve_ExplicitQueueServiceUri_IsUsed()
    {
        var client = BuildClient(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://custom.queue.example.net/",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://custom.blob.example.net/",
        });

        client.Uri.Should().Be(new Uri("https://custom.queue.example.net/"));
    }

    [Fact]
    public void Resolve_OnlyABlobServiceUri_FindsNoQueueAccount() =>
        QueueStorageConnection.Resolve(Configuration(new() { ["ArchiveStorage:serviceUri"] = "https://archive.blob.core.windows.net/" }))
            .Should().BeNull();
}
