using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using MusicFunctions.Maintenance;

namespace MusicFunctions.Tests.Maintenance;

public class HistoryCleanupFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_MaxAge_CutsOffThatLongBeforeNow()
    {
        var filter = HistoryCleanupFilter.Build(Now, TimeSpan.FromDays(30));

        filter.CreatedTo.Should().Be(new DateTimeOffset(2026, 11, 4, 3, 0, 0, TimeSpan.Zero));
        filter.CreatedFrom.Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Build_OnlyFinishedInstances_NeverRunningOnes()
    {
        var filter = HistoryCleanupFilter.Build(Now, TimeSpan.FromDays(30));

        filter.Statuses.Should().BeEquivalentTo(
            [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        filter.Statuses.Should().NotContain([OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended]);
    }

    [Fact]
    public async Task RunAsync_ConfiguredMaxAge_PurgesWithTheFilterBuiltFromIt()
    {
        // Arrange
        PurgeInstancesFilter? used = null;
        var client = new Mock<DurableTaskClient>("test") { CallBase = true };
        client.Setup(c => c.PurgeAllInstancesAsync(It.IsAny<PurgeInstancesFilter>(), It.IsAny<PurgeInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((PurgeInstancesFilter filter, PurgeInstanceOptions? _, CancellationToken _) => used = filter)
            .ReturnsAsync(new PurgeResult(3));
        var function = new HistoryCleanupFunction(Options.Create(new CleanupOptions { MaxAge = TimeSpan.FromDays(7) }),
            new FixedTimeProvider(Now), NullLogger<HistoryCleanupFunction>.Instance);

        // Act
        await function.RunAsync(null!, client.Object, CancellationToken.None);

        // Assert
        used.Should().Be(HistoryCleanupFilter.Build(Now, TimeSpan.FromDays(7)));
    }
}
