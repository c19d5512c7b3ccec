namespace Docs.Api.Features.Attachments;

/// <summary>Thrown by <see cref="UploadStream"/> as soon as an upload passes the limit.</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The file is larger than {limit} bytes.")
{
    public long Limit => limit;
}

/// <summary>
/// An upload's bytes as they arrive: the head already read for sniffing, then the rest of the request,
/// stopped with <see cref="UploadTooLargeException"/> the moment the total passes the limit (not after).
/// </summary>
public sealed class UploadStream(ReadOnlyMemory<byte> head, Stream rest, long limit) : Stream
{
    private int _headPosition;
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (_headPosition < head.Length)
        {
            read = Math.Min(buffer.Length, head.Length - _headPosition);
            head.Slice(_headPosition, read).CopyTo(buffer);
            _headPosition += read;
        }
        else
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }
        _total += read;
        if (_total > limit)
        {
            throw new UploadTooLargeException(limit);
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Request bodies are read asynchronously; the synchronous path exists for the Stream contract only.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
