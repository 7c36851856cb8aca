namespace MusicFunctions.Archive;

/// <summary>
/// Presents a forward-only download as a stream of known length, so the storage client sends it as
/// one request with a Content-Length (storage does not take chunked uploads). It cannot really seek:
/// only "seeking" to where it already is works, so an attempt to replay a half-sent body fails
/// instead of sending wrong bytes.
/// </summary>
internal sealed class KnownLengthStream(Stream inner, long length) : ReadOnlyStream
{
    private long _position;

    public override bool CanSeek => true;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return target == _position ? _position : throw new NotSupportedException("A download cannot be rewound.");
    }
}
