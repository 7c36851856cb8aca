using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using MusicFunctions.Configuration;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;

namespace MusicFunctions.Tests.Orchestration;

public class GenerationSchedulerTests
{
    [Fact]
    public async Task ScheduleAsync_ConfiguredResilience_TravelsInTheInput()
    {
        // Arrange: the scheduler as the app builds it, from configuration.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MusicApi:ApiKey"] = "test-key",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Resilience:StatusPoll:MaxAttempts"] = "15",
            ["Resilience:Submit:FirstInterval"] = "00:00:42",
            ["Resilience:IncompleteSuccessPolls"] = "7",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddMusicFunctions(configuration).BuildServiceProvider();
        var scheduler = provider.GetRequiredService<GenerationScheduler>();
        var client = new Mock<DurableTaskClient>("test");
        GenerationInput? scheduled = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? input, StartOrchestrationOptions? _, CancellationToken _) => scheduled = (GenerationInput)input!)
            .ReturnsAsync("gen-1");

        // Act
        await scheduler.ScheduleAsync(client.Object, new MusicRequest { Prompt = "p" }, "gen-1", CancellationToken.None);

        // Assert
        scheduled!.Resilience.StatusPoll.MaxAttempts.Should().Be(15);
        scheduled.Resilience.Submit.FirstInterval.Should().Be(TimeSpan.FromSeconds(42));
        scheduled.Resilience.IncompleteSuccessPolls.Should().Be(7);
    }
}
