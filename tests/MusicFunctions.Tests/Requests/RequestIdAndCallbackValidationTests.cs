using Microsoft.Extensions.Options;
using MusicFunctions.Requests;

namespace MusicFunctions.Tests.Requests;

public class RequestIdAndCallbackValidationTests
{
    private static MusicRequestValidator Validator(bool allowHttp = false, bool allowPrivate = false, string? secret = CallbackPolicyTests.Secret) =>
        new(Options.Create(new RequestLimitsOptions()), CallbackPolicyTests.Policy(allowHttp, allowPrivate, secret));

    private static MusicRequest Request(string? requestId = null, string? callbackUrl = null) =>
        new() { Prompt = "a song", RequestId = requestId, CallbackUrl = callbackUrl };

    [Theory]
    [InlineData("order-42")]
    [InlineData("A_b-9")]
    [InlineData("x")]
    public void Validate_WellFormedRequestId_HasNoErrors(string requestId) =>
        Validator().Validate(Request(requestId)).Should().BeEmpty();

    [Fact]
    public void Validate_RequestIdOf64Characters_HasNoErrors() =>
        Validator().Validate(Request(new string('a', 64))).Should().BeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a:b")]
    [InlineData("../etc")]
    [InlineData("ümlaut")]
    [InlineData("line\n")]
    public void Validate_RequestIdWithOtherCharacters_NamesRequestId(string requestId)
    {
        var errors = Validator().Validate(Request(requestId));

        errors.Keys.Should().Equal("request_id");
        errors["request_id"].Single().Should().Contain("letters, digits");
    }

    [Fact]
    public void Validate_RequestIdOf65Characters_NamesRequestId() =>
        Validator().Validate(Request(new string('a', 65))).Keys.Should().Equal("request_id");

    [Fact]
    public void Validate_HttpsCallbackToAPublicHost_HasNoErrors() =>
        Validator().Validate(Request(callbackUrl: "https://hooks.example.com/music?token=abc")).Should().BeEmpty();

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("https://user:pass@hooks.example.com/x")]
    [InlineData("https://hooks.example.com/x#frag")]
    public void Validate_CallbackNotAPlainAbsoluteUrl_NamesCallbackUrl(string callbackUrl) =>
        Validator().Validate(Request(callbackUrl: callbackUrl)).Keys.Should().Equal("callback_url");

    [Fact]
    public void Validate_HttpCallbackWhileHttpIsNotAllowed_SaysHttpsOnly()
    {
        var errors = Validator(allowHttp: false).Validate(Request(callbackUrl: "http://hooks.example.com/x"));

        errors["callback_url"].Single().Should().Contain("plain http").And.Contain("Archive:AllowHttp");
    }

    [Fact]
    public void Validate_HttpCallbackWhileHttpIsAllowed_HasNoErrors() =>
        Validator(allowHttp: true).Validate(Request(callbackUrl: "http://hooks.example.com/x")).Should().BeEmpty();

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    public void Validate_CallbackToAPrivateAddress_IsRefusedAtRequestTime(string callbackUrl)
    {
        var errors = Validator().Validate(Request(callbackUrl: callbackUrl));

        errors["callback_url"].Single().Should().StartWith("Refused to deliver to the callback URL");
    }

    [Fact]
    public void Validate_CallbackToLoopbackWhilePrivateSourcesAreAllowed_HasNoErrors() =>
        Validator(allowHttp: true, allowPrivate: true).Validate(Request(callbackUrl: "http://127.0.0.1:5000/hook")).Should().BeEmpty();

    [Fact]
    public void Validate_CallbackToCloudMetadataEvenWhilePrivateSourcesAreAllowed_IsRefused() =>
        Validator(allowHttp: true, allowPrivate: true).Validate(Request(callbackUrl: "http://169.254.169.254/"))
            .Keys.Should().Equal("callback_url");

    [Fact]
    public void Validate_CallbackWithoutAWebhookSecret_SaysCallbacksAreNotEnabled()
    {
        var errors = Validator(secret: null).Validate(Request(callbackUrl: "https://hooks.example.com/x"));

        errors["callback_url"].Single().Should().Contain("Events:WebhookSecret");
    }

    [Fact]
    public void Normalize_RequestIdAndCallback_AreLeftOutOfTheUpstreamRequest()
    {
        var normalized = Validator().Normalize(Request("order-1", "https://hooks.example.com/x"));

        normalized.RequestId.Should().BeNull();
        normalized.CallbackUrl.Should().BeNull();
        normalized.Prompt.Should().Be("a song");
    }
}
