using System.Net;
using System.Net.Http.Headers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicFunctions.Archive;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Events;

/// <summary>
/// POSTs one result event to its callback URL, signed (see <see cref="WebhookSignature"/>). One attempt per
/// run: the publishing orchestration retries it with a durable retry policy. At least once: a receiver
/// that answered 2xx too late may see the event again, with the same event id. A refused URL, a redirect
/// (never followed) or 410 Gone throw <see cref="PermanentFailureException"/>, which ends the retries.
/// </summary>
public sealed class DeliverWebhookActivity(
    IHttpClientFactory httpClients,
    CallbackUrlPolicy callbacks,
    IOptions<EventOptions> options,
    TimeProvider time,
    ILogger<DeliverWebhookActivity> logger)
{
    public const string Name = "DeliverResultWebhook";
    public const string HttpClientName = "result-webhook";

    [Function(Name)]
    public async Task<int> RunAsync([ActivityTrigger] WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        // Read here, never passed in: the secret must not enter orchestration history.
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new PermanentFailureException("Cannot sign the delivery: Events:WebhookSecret is not set.");
        }
        if (!Uri.TryCreate(delivery.CallbackUrl, UriKind.Absolute, out var url))
        {
            throw new PermanentFailureException("The callback URL is not an absolute URL.");
        }
        callbacks.EnsureAllowed(url);

        var body = ResultEventJson.Serialize(delivery.Event);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.EventIdHeader, delivery.Event.EventId);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.HeaderValue(secret, timestamp, body));
        request.Headers.UserAgent.ParseAdd("MusicFunctions-Webhook/1.0");

        var target = Describe(url);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex) when (FindInner<ArchiveException>(ex) is { IsRetryable: false } refusal)
        {
            // The connect-time address check refused what the host name resolved to.
            throw new PermanentFailureException(CallbackUrlPolicy.Rephrase(refusal.Message), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookDeliveryException($"Could not deliver event {delivery.Event.EventId} to {target}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookDeliveryException(
                $"Delivering event {delivery.Event.EventId} to {target} timed out after {options.Value.CallbackTimeout}.", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("Delivered result event {EventId} of generation {GenerationId} to {CallbackUrl}: {Status}",
                    delivery.Event.EventId, delivery.Event.GenerationId, target, status);
                return status;
            }

            var message = $"The callback {target} answered {status} {response.ReasonPhrase} to event {delivery.Event.EventId}";
            if (status is >= 300 and < 400)
            {
                throw new PermanentFailureException(message + "; redirects are not followed, register the final URL.");
            }
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                throw new PermanentFailureException(message + "; the receiver asked not to be called again.");
            }
            logger.LogWarning("{Message}; the delivery will be retried", message);
            throw new WebhookDeliveryException(message + ".");
        }
    }

    // A callback URL's query may carry the receiver's own token: keep it out of logs and messages.
    private static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static T? FindInner<T>(Exception exception) where T : Exception
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }
        return null;
    }
}
