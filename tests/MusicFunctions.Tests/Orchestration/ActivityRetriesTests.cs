using Microsoft.DurableTask;
using MusicFunctions.Orchestration;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Orchestration;

public class ActivityRetriesTests
{
    private static readonly ResilienceOptions Options = new()
    {
        Submit = new() { MaxAttempts = 4, FirstInterval = TimeSpan.FromSeconds(10), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromMinutes(1) },
        StatusPoll = new() { MaxAttempts = 9, FirstInterval = TimeSpan.FromSeconds(3), BackoffCoefficient = 1.5, MaxInterval = TimeSpan.FromSeconds(40) },
        Archive = new() { MaxAttempts = 2, FirstInterval = TimeSpan.FromSeconds(7), BackoffCoefficient = 1, MaxInterval = TimeSpan.FromSeconds(7) },
        Manifest = new() { MaxAttempts = 5, FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 3, MaxInterval = TimeSpan.FromSeconds(9) },
    };

    /// <summary>The failure as the durable retry loop hands it to the policy: a core TaskFailedException with the activity's failure details.</summary>
    private static DurableTask.Core.Exceptions.TaskFailedException Failure(Exception thrownByTheActivity) =>
        new(thrownByTheActivity.Message) { FailureDetails = new DurableTask.Core.FailureDetails(thrownByTheActivity) };

    /// <summary>How a host that wraps the activity's exception reports it.</summary>
    private static DurableTask.Core.Exceptions.TaskFailedException Wrapped(Exception thrownByTheActivity) =>
        Failure(new AggregateException(thrownByTheActivity));

    /// <summary>The policy's decision (HandleFailure is write-only; Handle is what the retry loop calls).</summary>
    private static Func<Exception, bool> Handler(TaskOptions options) => options.Retry!.Policy!.Handle;

    [Fact]
    public void Submit_Failure_RetriesOnlyWhenTheUpstreamCertainlyDidNotTakeIt()
    {
        var shouldRetry = Handler(ActivityRetries.Submit(Options));

        shouldRetry(Failure(new SubmitNotTakenException("HTTP 429"))).Should().BeTrue();
        shouldRetry(Wrapped(new SubmitNotTakenException("HTTP 429"))).Should().BeTrue();
        shouldRetry(Failure(new PermanentFailureException("The outcome of the submit is unknown"))).Should().BeFalse();
        shouldRetry(Failure(new UpstreamException(UpstreamErrorKind.Transient, "HTTP 503"))).Should().BeFalse("it may have created a task");
        shouldRetry(Failure(new InvalidOperationException("surprise"))).Should().BeFalse("anything unexpected may have created a task");
        shouldRetry(new DurableTask.Core.Exceptions.TaskFailedException("who knows")
        {
            FailureDetails = new DurableTask.Core.FailureDetails("Some.Unloadable.Type", "who knows", null, null, false),
        }).Should().BeFalse();
    }

    [Theory]
    [InlineData("StatusPoll")]
    [InlineData("Archive")]
    [InlineData("Manifest")]
    public void ReadsAndArchive_Failure_RetriesAllButPermanentFailures(string activity)
    {
        var options = activity switch
        {
            "StatusPoll" => ActivityRetries.StatusPoll(Options),
            "Archive" => ActivityRetries.Archive(Options),
            _ => ActivityRetries.Manifest(Options),
        };
        var shouldRetry = Handler(options);

        shouldRetry(Failure(new UpstreamException(UpstreamErrorKind.Transient, "HTTP 503"))).Should().BeTrue();
        shouldRetry(Failure(new UpstreamException(UpstreamErrorKind.Malformed, "not JSON"))).Should().BeTrue();
        shouldRetry(Failure(new TimeoutException())).Should().BeTrue();
        shouldRetry(Failure(new PermanentFailureException("Upstream task t: task_not_exist"))).Should().BeFalse();
        shouldRetry(Wrapped(new PermanentFailureException("refused file"))).Should().BeFalse();
    }

    [Fact]
    public void Policies_ComeFromTheSettingsInTheInput()
    {
        var submit = ActivityRetries.Submit(Options).Retry!.Policy!;
        var status = ActivityRetries.StatusPoll(Options).Retry!.Policy!;
        var archive = ActivityRetries.Archive(Options).Retry!.Policy!;
        var manifest = ActivityRetries.Manifest(Options).Retry!.Policy!;

        (submit.MaxNumberOfAttempts, submit.FirstRetryInterval, submit.BackoffCoefficient, submit.MaxRetryInterval)
            .Should().Be((4, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(1)));
        (status.MaxNumberOfAttempts, status.FirstRetryInterval, status.BackoffCoefficient, status.MaxRetryInterval)
            .Should().Be((9, TimeSpan.FromSeconds(3), 1.5, TimeSpan.FromSeconds(40)));
        (archive.MaxNumberOfAttempts, archive.FirstRetryInterval, archive.BackoffCoefficient, archive.MaxRetryInterval)
            .Should().Be((2, TimeSpan.FromSeconds(7), 1.0, TimeSpan.FromSeconds(7)));
        (manifest.MaxNumberOfAttempts, manifest.FirstRetryInterval, manifest.BackoffCoefficient, manifest.MaxRetryInterval)
            .Should().Be((5, TimeSpan.FromSeconds(1), 3.0, TimeSpan.FromSeconds(9)));
    }

    [Fact]
    public void Defaults_StatusPollRetries_OutlastSeveralMinutesOfOutage()
    {
        var policy = ActivityRetries.StatusPoll(new ResilienceOptions()).Retry!.Policy!;

        var waits = Enumerable.Range(0, policy.MaxNumberOfAttempts - 1)
            .Select(retry => Math.Min(policy.FirstRetryInterval.TotalSeconds * Math.Pow(policy.BackoffCoefficient, retry), policy.MaxRetryInterval.TotalSeconds))
            .Sum();

        waits.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(5).TotalSeconds);
    }
}
