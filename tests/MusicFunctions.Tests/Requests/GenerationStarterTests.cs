using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using MusicFunctions.Configuration;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;

namespace MusicFunctions.Tests.Requests;

public class GenerationStarterTests
{
    private static readonly MusicRequest Request = new() { Prompt = "a song", RequestId = "order-1" };

    private readonly Mock<DurableTaskClient> _client = new("test") { CallBase = true };
    private readonly List<StartOrchestrationOptions?> _schedules = [];
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging()
        .AddMusicFunctions(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MusicApi:ApiKey"] = "test-key",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build())
        .BuildServiceProvider();

    private GenerationStarter Starter => _services.GetRequiredService<GenerationStarter>();

    private void Existing(params OrchestrationMetadata?[] answers)
    {
        var queue = new Queue<OrchestrationMetadata?>(answers);
        _client.Setup(c => c.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    private void Scheduling(Exception? failure = null) =>
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => _schedules.Add(options))
            .Returns(failure is null ? Task.FromResult("order-1") : Task.FromException<string>(failure));

    private OrchestrationMetadata Generation(MusicRequest request, string name = MusicGenerationOrchestrator.Name)
    {
        var normalized = _services.GetRequiredService<MusicRequestValidator>().Normalize(request);
        var input = new GenerationInput { Request = normalized, Polling = new PollingOptions(), RequestId = request.RequestId };
        return new OrchestrationMetadata(name, "order-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedInput = JsonSerializer.Serialize(input),
            DataConverter = Microsoft.DurableTask.Converters.JsonDataConverter.Default,
        };
    }

    [Fact]
    public async Task StartAsync_NewId_SchedulesWithoutEverReplacingAnExistingInstance()
    {
        Existing([null]);
        Scheduling();

        var outcome = await Starter.StartAsync(_client.Object, Request, "order-1", CancellationToken.None);

        outcome.Started.Should().BeTrue();
        var options = _schedules.Should().ContainSingle().Subject!;
        options.InstanceId.Should().Be("order-1");
        options.DedupeStatuses.Should().Contain(["Running", "Pending", "Completed", "Failed", "Terminated"],
            "an id in any state must make the schedule fail, never restart or replace the generation");
    }

    [Fact]
    public async Task StartAsync_IdExists_DoesNotSchedule()
    {
        Existing(Generation(Request));
        Scheduling();

        var outcome = await Starter.StartAsync(_client.Object, Request, "order-1", CancellationToken.None);

        outcome.Started.Should().BeFalse();
        outcome.IsConflict.Should().BeFalse();
        outcome.Existing!.InstanceId.Should().Be("order-1");
        _schedules.Should().BeEmpty();
    }

    [Fact]
    public async Task StartAsync_LosesTheRace_AnswersWithTheWinnersGeneration()
    {
        // Arrange: not there when checked, there when scheduling fails.
        Existing(null, Generation(Request));
        Scheduling(new InvalidOperationException("An orchestration with id 'order-1' already exists."));

        // Act
        var outcome = await Starter.StartAsync(_client.Object, Request, "order-1", CancellationToken.None);

        // Assert
        outcome.Started.Should().BeFalse();
        outcome.IsConflict.Should().BeFalse();
        outcome.Existing.Should().NotBeNull();
    }

    [Fact]
    public async Task StartAsync_SchedulingFailsAndNothingExists_Rethrows()
    {
        Existing([null]);
        Scheduling(new TimeoutException("backend unavailable"));

        var act = () => Starter.StartAsync(_client.Object, Request, "order-1", CancellationToken.None);

        await act.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task StartAsync_IdTakenByADifferentRequest_IsAConflict()
    {
        Existing(Generation(Request with { Prompt = "another song" }));

        var outcome = await Starter.StartAsync(_client.Object, Request, "order-1", CancellationToken.None);

        outcome.IsConflict.Should().BeTrue();
    }

    [Fact]
    public async Task StartAsync_IdTakenByAnotherOrchestration_IsAConflict()
    {
        Existing(Generation(Request, name: "SomethingElse"));

        var outcome = await Starter.StartAsync(_client.Object, Request, "order-1", CancellationToken.None);

        outcome.IsConflict.Should().BeTrue();
    }
}
