using System.ComponentModel.DataAnnotations;
using MusicFunctions.Events;

namespace MusicFunctions.Tests.Events;

public class EventOptionsTests
{
    private static List<ValidationResult> Validate(EventOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Validate(new EventOptions()).Should().BeEmpty();

    [Fact]
    public void Validate_ShortWebhookSecret_NamesTheSettingWithoutTheValue()
    {
        var results = Validate(new EventOptions { WebhookSecret = "hunter2-secret" });

        results.Single().ErrorMessage.Should().Contain("Events:WebhookSecret").And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("Music_Results")]
    [InlineData("ab")]
    [InlineData("music--results")]
    public void Validate_BadResultsQueueName_NamesTheSetting(string queue) =>
        Validate(new EventOptions { ResultsQueue = queue }).Single().ErrorMessage.Should().Contain("Events:ResultsQueue");

    [Fact]
    public void Validate_MaxRetryDelayBelowFirst_NamesBothSettings() =>
        Validate(new EventOptions { CallbackFirstRetryDelay = TimeSpan.FromMinutes(5), CallbackMaxRetryDelay = TimeSpan.FromMinutes(1) })
            .Single().ErrorMessage.Should().Contain("Events:CallbackMaxRetryDelay").And.Contain("Events:CallbackFirstRetryDelay");

    [Fact]
    public void Validate_BadCallbackHostEntry_NamesTheCallbackSetting() =>
        Validate(new EventOptions { AllowedCallbackHosts = "hooks.example.com, *bad*" })
            .Single().ErrorMessage.Should().Contain("Events:AllowedCallbackHosts");

    [Fact]
    public void DeliveryPlan_FromOptions_CopiesRetrySettingsButNeverTheSecret()
    {
        var options = new EventOptions
        {
            ResultsQueue = "music-results",
            WebhookSecret = new string('s', 40),
            CallbackAttempts = 3,
            CallbackFirstRetryDelay = TimeSpan.FromSeconds(1),
            CallbackBackoffFactor = 3,
            CallbackMaxRetryDelay = TimeSpan.FromSeconds(9),
        };

        var plan = EventDeliveryPlan.From(options);

        plan.Should().Be(new EventDeliveryPlan
        {
            ResultsQueue = "music-results",
            CallbackAttempts = 3,
            CallbackFirstRetryDelay = TimeSpan.FromSeconds(1),
            CallbackBackoffFactor = 3,
            CallbackMaxRetryDelay = TimeSpan.FromSeconds(9),
        });
        System.Text.Json.JsonSerializer.Serialize(plan).Should().NotContain("sss");
    }
}
