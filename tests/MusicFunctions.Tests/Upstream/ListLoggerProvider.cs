using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MusicFunctions.Tests.Upstream;

/// <summary>Keeps every log line (message, structured values and exception), at every level.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class ListLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) + "}"
                : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{structured} {exception}");
        }
    }
}
