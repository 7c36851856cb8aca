using Microsoft.DurableTask.Client;
using MusicFunctions.Http;

namespace MusicFunctions.Tests.Http;

public class ListCursorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static OrchestrationMetadata Instance(string id, DateTimeOffset createdAt) => new("MusicGeneration", id) { CreatedAt = createdAt };

    [Fact]
    public void Encode_ThenDecode_GivesTheSamePosition()
    {
        var cursor = ListCursor.At(Instance("order-42", T0.AddTicks(7)));

        ListCursor.TryDecode(cursor.Encode()).Should().Be(cursor);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("MTIz")] // "123": no id
    [InlineData("eC5hYmM")] // "x.abc": no time
    [InlineData("")]
    public void TryDecode_SomethingElse_IsNull(string token) => ListCursor.TryDecode(token).Should().BeNull();

    [Fact]
    public void Compare_SortsNewestFirstThenById()
    {
        var list = new List<OrchestrationMetadata>
        {
            Instance("b", T0), Instance("c", T0.AddSeconds(2)), Instance("a", T0), Instance("d", T0.AddSeconds(-1)),
        };

        list.Sort(ListCursor.Compare);

        list.Select(i => i.InstanceId).Should().Equal("c", "a", "b", "d");
    }

    [Fact]
    public void Precedes_OnlyWhatComesAfterThePositionInNewestFirstOrder()
    {
        var cursor = ListCursor.At(Instance("b", T0));

        cursor.Precedes(Instance("a", T0)).Should().BeFalse("same time, earlier id: shown before the cursor");
        cursor.Precedes(Instance("b", T0)).Should().BeFalse("the cursor's own item was on the previous page");
        cursor.Precedes(Instance("c", T0)).Should().BeTrue();
        cursor.Precedes(Instance("z", T0.AddTicks(-1))).Should().BeTrue();
        cursor.Precedes(Instance("a", T0.AddTicks(1))).Should().BeFalse("newer items are never on later pages");
    }
}
