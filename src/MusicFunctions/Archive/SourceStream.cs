namespace MusicFunctions.Archive;

/// <summary>
/// The body of one download as the archive reads it: hashed and counted on the way (see
/// <see cref="HashingReadStream"/>), held to Archive:MaxBytes whatever Content-Length said, and to
/// Archive:IdleTimeout between bytes. A cut-off body or a stall is a retryable
/// <see cref="ArchiveException"/>, too many bytes a refusal; the first such failure is kept in
/// <see cref="Failure"/>, because a storage client reading this stream may wrap it in its own errors.
/// The first bytes can be peeked (to sniff the type) before the blob is chosen.
/// </summary>
internal sealed class SourceStream(
    HashingReadStream download, CancellationTokenSource idle, ArchiveOptions options, Uri source, CancellationToken attemptToken) : ReadOnlyStream
{
    private byte[] _peeked = [];
    private int _peekedOffset;

    /// <summary>Why reading failed, when it did.</summary>
    public ArchiveException? Failure { get; private set; }

    /// <summary>Bytes received from the server so far (peeked ones included).</summary>
    public long BytesRead => download.BytesRead;

    public byte[] Md5() => download.Md5();

    public string Sha256Hex() => download.Sha256Hex();

    /// <summary>Reads up to <paramref name="count"/> first bytes (fewer only when the file is shorter); later reads return them again.</summary>
    public async Task<ReadOnlyMemory<byte>> PeekAsync(int count)
    {
        var head = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await ReadSourceAsync(head.AsMemory(filled), attemptToken);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        _peeked = head[..filled];
        return _peeked;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_peekedOffset < _peeked.Length)
        {
            var count = Math.Min(buffer.Length, _peeked.Length - _peekedOffset);
            _peeked.AsMemory(_peekedOffset, count).CopyTo(buffer);
            _peekedOffset += count;
            return count;
        }
        return await ReadSourceAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    private async ValueTask<int> ReadSourceAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (Failure is not null)
        {
            throw Failure;
        }
        // Asking for at most one byte past the cap is enough to know the file is too big.
        var room = (int)Math.Min(buffer.Length, options.MaxBytes + 1 - download.BytesRead);
        int read;
        // The idle source is linked to the attempt's token already; another caller token needs linking too.
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != attemptToken
            ? CancellationTokenSource.CreateLinkedTokenSource(idle.Token, cancellationToken)
            : null;
        idle.CancelAfter(options.IdleTimeout);
        try
        {
            read = await download.ReadAsync(buffer[..room], linked?.Token ?? idle.Token);
        }
        catch (OperationCanceledException ex) when (idle.IsCancellationRequested && !attemptToken.IsCancellationRequested)
        {
            throw Fail(new ArchiveException(
                $"Download of {FileArchiver.Describe(source)} stalled: no data for {options.IdleTimeout} (Archive:IdleTimeout).",
                isRetryable: true, ex));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw Fail(new ArchiveException(
                $"Download of {FileArchiver.Describe(source)} was cut off after {download.BytesRead} bytes: {ex.Message}",
                isRetryable: true, ex));
        }
        finally
        {
            // Disarmed between reads: time spent uploading is not the server's stall.
            if (!idle.IsCancellationRequested)
            {
                idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }

        if (download.BytesRead > options.MaxBytes)
        {
            throw Fail(new ArchiveException(
                $"Refused {FileArchiver.Describe(source)}: it is larger than Archive:MaxBytes ({options.MaxBytes} bytes).",
                isRetryable: false));
        }
        return read;
    }

    private ArchiveException Fail(ArchiveException failure) => Failure ??= failure;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            download.Dispose();
        }
        base.Dispose(disposing);
    }
}
