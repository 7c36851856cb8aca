using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MusicFunctions.Upstream;
using Polly;
using Polly.Timeout;

namespace MusicFunctions.Tests.Upstream;

public class UpstreamRetryRulesTests
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private static Outcome<HttpResponseMessage> Answer(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
        }
        return Outcome.FromResult(response);
    }

    private static Outcome<HttpResponseMessage> Failure(Exception exception) => Outcome.FromException<HttpResponseMessage>(exception);

    private static HttpRequestException Refused() =>
        new(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused));

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public void ShouldRetry_ServerFailure_RetriesAReadButNeverASubmit(int status)
    {
        UpstreamRetryRules.ShouldRetry(HttpMethod.Get, Answer((HttpStatusCode)status), MaxRetryAfter).Should().BeTrue();
        UpstreamRetryRules.ShouldRetry(HttpMethod.Post, Answer((HttpStatusCode)status), MaxRetryAfter).Should().BeFalse();
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public void ShouldRetry_AnswerRetryingCannotChange_IsNotRetried(int status)
    {
        UpstreamRetryRules.ShouldRetry(HttpMethod.Get, Answer((HttpStatusCode)status), MaxRetryAfter).Should().BeFalse();
        UpstreamRetryRules.ShouldRetry(HttpMethod.Post, Answer((HttpStatusCode)status), MaxRetryAfter).Should().BeFalse();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void ShouldRetry_429WithinMaxRetryAfter_IsRetriedWhateverTheMethod(string method)
    {
        UpstreamRetryRules.ShouldRetry(new HttpMethod(method), Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30)), MaxRetryAfter)
            .Should().BeTrue();
        UpstreamRetryRules.ShouldRetry(new HttpMethod(method), Answer(HttpStatusCode.TooManyRequests), MaxRetryAfter)
            .Should().BeTrue("without Retry-After the backoff applies");
    }

    [Fact]
    public void ShouldRetry_429AskingLongerThanMaxRetryAfter_IsLeftToTheDurableRetry() =>
        UpstreamRetryRules.ShouldRetry(HttpMethod.Get, Answer(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(31)), MaxRetryAfter)
            .Should().BeFalse();

    [Fact]
    public void ShouldRetry_AttemptTimedOut_RetriesAReadButNeverASubmit()
    {
        UpstreamRetryRules.ShouldRetry(HttpMethod.Get, Failure(new TimeoutRejectedException()), MaxRetryAfter).Should().BeTrue();
        UpstreamRetryRules.ShouldRetry(HttpMethod.Post, Failure(new TimeoutRejectedException()), MaxRetryAfter).Should().BeFalse();
    }

    [Fact]
    public void ShouldRetry_ConnectionRefused_RetriesEvenASubmit() =>
        UpstreamRetryRules.ShouldRetry(HttpMethod.Post, Failure(Refused()), MaxRetryAfter).Should().BeTrue();

    [Fact]
    public void ShouldRetry_AnswerLostAfterSending_RetriesAReadButNeverASubmit()
    {
        var lost = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        UpstreamRetryRules.ShouldRetry(HttpMethod.Get, Failure(lost), MaxRetryAfter).Should().BeTrue();
        UpstreamRetryRules.ShouldRetry(HttpMethod.Post, Failure(lost), MaxRetryAfter).Should().BeFalse();
    }

    [Fact]
    public void ShouldRetry_CallerCancelled_IsNotRetried() =>
        UpstreamRetryRules.ShouldRetry(HttpMethod.Get, Failure(new OperationCanceledException()), MaxRetryAfter).Should().BeFalse();

    [Fact]
    public async Task CertainlyNotSent_RealRefusedConnection_IsTrue()
    {
        // Arrange: a port that was just free, with nothing listening on it any more.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();

        // Act
        var act = () => http.PostAsync($"http://127.0.0.1:{port}/v1/music/generations", new StringContent("{}"));

        // Assert
        var error = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        UpstreamRetryRules.CertainlyNotSent(error).Should().BeTrue(error.ToString());
    }

    [Fact]
    public async Task CertainlyNotSent_RealConnectionCutAfterTheRequestArrived_IsFalse()
    {
        // Arrange: a server that reads the whole request, then resets the connection without answering.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = new TaskCompletionSource<string>();
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            var text = "";
            while (!text.Contains("\r\n\r\n{}"))
            {
                var read = await socket.ReceiveAsync(buffer);
                if (read == 0)
                {
                    break;
                }
                text += System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            }
            received.SetResult(text);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        });
        using var http = new HttpClient();

        // Act
        var act = () => http.PostAsync($"http://127.0.0.1:{port}/v1/music/generations", new StringContent("{}"));

        // Assert
        var error = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        (await received.Task).Should().StartWith("POST /v1/music/generations", "the request did arrive");
        UpstreamRetryRules.CertainlyNotSent(error).Should().BeFalse(error.ToString());
        await server;
    }

    [Fact]
    public void CertainlyNotSent_NameNotResolved_IsTrue() =>
        UpstreamRetryRules.CertainlyNotSent(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known",
            new SocketException((int)SocketError.HostNotFound))).Should().BeTrue();

    [Fact]
    public void CertainlyNotSent_ConnectionErrorWithoutASocketCause_IsFalse() =>
        UpstreamRetryRules.CertainlyNotSent(new HttpRequestException(HttpRequestError.ConnectionError, "An error occurred", new IOException("reset")))
            .Should().BeFalse("only a refused or unreachable connect proves nothing was sent");

    [Fact]
    public void CertainlyNotSent_Timeout_IsFalse()
    {
        UpstreamRetryRules.CertainlyNotSent(new TimeoutRejectedException()).Should().BeFalse();
        UpstreamRetryRules.CertainlyNotSent(new TaskCanceledException()).Should().BeFalse();
    }

    [Fact]
    public void RetryAfter_SecondsOrDate_IsTheWaitAskedFor()
    {
        var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(20));

        UpstreamRetryRules.RetryAfter(seconds).Should().Be(TimeSpan.FromSeconds(7));
        UpstreamRetryRules.RetryAfter(date, clock).Should().Be(TimeSpan.FromSeconds(20));
        UpstreamRetryRules.RetryAfter(new HttpResponseMessage(HttpStatusCode.TooManyRequests)).Should().BeNull();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
