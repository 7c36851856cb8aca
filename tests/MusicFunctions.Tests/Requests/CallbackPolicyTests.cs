using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Events;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Tests.Requests;

public class CallbackPolicyTests
{
    public const string Secret = "whsec-unit-tests-0123456789abcdef0123";

    public static CallbackUrlPolicy Policy(bool allowHttp = false, bool allowPrivate = false, string? secret = Secret, string? allowedHosts = null) =>
        new(Options.Create(new ArchiveOptions { AllowHttp = allowHttp, AllowPrivateNetworkSources = allowPrivate }),
            Options.Create(new EventOptions { WebhookSecret = secret, AllowedCallbackHosts = allowedHosts }));

    [Fact]
    public void Check_HostOutsideTheCallbackAllowlist_NamesTheCallbackSetting()
    {
        var problems = Policy(allowedHosts: "hooks.example.com").Check("https://evil.example.net/x");

        problems.Single().Should().Contain("Events:AllowedCallbackHosts").And.NotContain("Archive:AllowedHosts");
    }

    [Fact]
    public void Check_ArchiveAllowlistDoesNotApplyToCallbacks()
    {
        var policy = new CallbackUrlPolicy(
            Options.Create(new ArchiveOptions { AllowedHosts = "cdn.example.com" }),
            Options.Create(new EventOptions { WebhookSecret = Secret }));

        policy.Check("https://hooks.example.com/x").Should().BeEmpty();
    }

    [Fact]
    public void EnsureAllowed_PrivateLiteralAddress_ThrowsPermanentFailure()
    {
        var act = () => Policy().EnsureAllowed(new Uri("https://192.168.1.10/hook"));

        act.Should().Throw<PermanentFailureException>().WithMessage("Refused to deliver to the callback URL*192.168.1.10*private*");
    }
}
