using Microsoft.DurableTask;
using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration;

/// <summary>
/// The durable retry policy of each activity call, built from the settings in the orchestration
/// input (so replays build the same ones). Permanent failures are never retried; a submit is retried
/// only when the upstream certainly did not take it.
/// </summary>
public static class ActivityRetries
{
    /// <summary>Allow-list: only <see cref="SubmitNotTakenException"/>. Anything else may have created a task.</summary>
    public static TaskOptions Submit(ResilienceOptions options) =>
        Create(options.Submit, IsCausedBy<SubmitNotTakenException>);

    public static TaskOptions StatusPoll(ResilienceOptions options) => Create(options.StatusPoll, IsNotPermanent);

    public static TaskOptions Archive(ResilienceOptions options) => Create(options.Archive, IsNotPermanent);

    public static TaskOptions Manifest(ResilienceOptions options) => Create(options.Manifest, IsNotPermanent);

    /// <summary>True unless the activity said trying again cannot help.</summary>
    public static bool IsNotPermanent(TaskFailureDetails failure) => !IsCausedBy<PermanentFailureException>(failure);

    /// <summary>
    /// Whether <typeparamref name="T"/> caused the failure. Looks through the whole chain, because a
    /// host may report the activity's exception wrapped (e.g. in an AggregateException) as an inner failure.
    /// </summary>
    public static bool IsCausedBy<T>(TaskFailureDetails failure) where T : Exception
    {
        for (var current = failure; current is not null; current = current.InnerFailure)
        {
            if (current.ErrorType == typeof(T).FullName || SafeIsCausedBy<T>(current))
            {
                return true;
            }
        }
        return false;
    }

    private static bool SafeIsCausedBy<T>(TaskFailureDetails failure) where T : Exception
    {
        try
        {
            return failure.IsCausedBy<T>();
        }
        catch (System.Reflection.AmbiguousMatchException)
        {
            return false;
        }
    }

    private static TaskOptions Create(ActivityRetrySettings settings, Func<TaskFailureDetails, bool> shouldRetry) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(
            settings.MaxAttempts, settings.FirstInterval, settings.BackoffCoefficient, settings.MaxInterval)
        {
            HandleFailure = shouldRetry,
        });
}
