using Microsoft.DurableTask.Client;
using MusicFunctions.Http;

namespace MusicFunctions.Tests.Http;

public class StatusFilterTests
{
    [Fact]
    public void Parse_CommaSeparatedWordsInAnyCase_GivesTheStatuses()
    {
        var statuses = StatusFilter.Parse(" Running, completed ,TERMINATED", out var unknown);

        statuses.Should().Equal(OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated);
        unknown.Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Nothing_MeansNoFilter(string? value)
    {
        StatusFilter.Parse(value, out var unknown).Should().BeNull();
        unknown.Should().BeEmpty();
    }

    [Fact]
    public void Parse_UnknownWord_IsReported()
    {
        StatusFilter.Parse("running,done", out var unknown);

        unknown.Should().Equal("done");
    }
}
