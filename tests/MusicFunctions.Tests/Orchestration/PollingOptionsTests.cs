using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Tests.Orchestration;

public class PollingOptionsTests
{
    private static PollingOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PollingOptions.SectionName).Get<PollingOptions>()!;

    private static List<ValidationResult> Validate(PollingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Bind_AdaptiveModeAndMargin_AreRead()
    {
        var options = Bind(new() { ["Polling:Mode"] = "Adaptive", ["Polling:AdaptiveMargin"] = "00:00:02" });

        options.Mode.Should().Be(PollingMode.Adaptive);
        options.AdaptiveMargin.Should().Be(TimeSpan.FromSeconds(2));
        Validate(options).Should().BeEmpty();
    }

    [Fact]
    public void Validate_UndefinedMode_IsRejectedNamingTheSetting()
    {
        var options = new PollingOptions { Mode = (PollingMode)7 };

        Validate(options).Should().ContainSingle().Which.ErrorMessage.Should().Contain("Polling:Mode");
    }

    [Fact]
    public void Validate_MarginOverFiveMinutes_IsRejected()
    {
        var options = new PollingOptions { AdaptiveMargin = TimeSpan.FromMinutes(6) };

        Validate(options).Should().ContainSingle().Which.MemberNames.Should().Contain(nameof(PollingOptions.AdaptiveMargin));
    }

    [Fact]
    public void Serialize_Mode_IsWrittenByName()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new PollingOptions { Mode = PollingMode.Adaptive });

        json.Should().Contain("\"Mode\":\"Adaptive\"");
    }
}
