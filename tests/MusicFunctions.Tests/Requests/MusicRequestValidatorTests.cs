using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Events;
using MusicFunctions.Requests;

namespace MusicFunctions.Tests.Requests;

public class MusicRequestValidatorTests
{
    private static MusicRequestValidator CreateValidator(Action<RequestLimitsOptions>? configure = null) =>
        new(Options.Create(Configure(new RequestLimitsOptions(), configure)), CallbackPolicyTests.Policy());

    private static T Configure<T>(T options, Action<T>? configure)
    {
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public void Validate_StandardModeWithPrompt_HasNoErrors()
    {
        // Arrange
        var validator = CreateValidator();
        var request = new MusicRequest { Prompt = "A bright J-Pop song about spring", Model = "suno-v5" };

        // Act
        var errors = validator.Validate(request);

        // Assert
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Validate_CustomModeWithoutStyleAndTitle_NamesBothFields()
    {
        var errors = CreateValidator().Validate(new MusicRequest { Prompt = "la la la", CustomMode = true });

        errors.Keys.Should().BeEquivalentTo("style", "title");
        errors["style"].Single().Should().Contain("custom_mode");
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryBadField()
    {
        var validator = CreateValidator(o => o.MaxTitleLength = 5);
        var request = new MusicRequest
        {
            Prompt = " ",
            Model = "suno-v1",
            Title = "much too long",
            VocalGender = "x",
            UnknownFields = new() { ["customMode"] = default },
        };

        var errors = validator.Validate(request);

        errors.Keys.Should().BeEquivalentTo("prompt", "model", "title", "vocal_gender", "customMode");
        errors["model"].Single().Should().Contain("suno-v4.5-plus").And.Contain("suno-v5");
    }

    [Theory]
    [InlineData(false, 500, true)]
    [InlineData(false, 501, false)]
    [InlineData(true, 5000, true)]
    [InlineData(true, 5001, false)]
    public void Validate_PromptLength_UsesTheLimitOfTheMode(bool customMode, int length, bool valid)
    {
        var request = new MusicRequest { Prompt = new string('a', length), CustomMode = customMode, Style = "pop", Title = "t" };

        var errors = CreateValidator().Validate(request);

        errors.ContainsKey("prompt").Should().Be(!valid);
    }

    [Fact]
    public void Validate_ModelOutsideConfiguredList_IsRejected()
    {
        var validator = CreateValidator(o => o.AllowedModels = ["suno-v5"]);

        var errors = validator.Validate(new MusicRequest { Prompt = "x", Model = "suno-v4.5-plus" });

        errors.Should().ContainKey("model");
    }

    [Fact]
    public void Validate_VocalGenderOnInstrumental_IsRejected()
    {
        var errors = CreateValidator().Validate(new MusicRequest { Prompt = "x", Instrumental = true, VocalGender = "f" });

        errors["vocal_gender"].Single().Should().Contain("instrumental");
    }

    [Fact]
    public void Normalize_MissingModel_UsesFirstAllowedModelAndTrims()
    {
        var normalized = CreateValidator().Normalize(new MusicRequest { Prompt = "  song  ", Style = " ", Title = " Hi " });

        normalized.Model.Should().Be("suno-v4.5-plus");
        normalized.Prompt.Should().Be("song");
        normalized.Style.Should().BeNull();
        normalized.Title.Should().Be("Hi");
    }
}
