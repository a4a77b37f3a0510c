namespace Qweeby.Routing.Admin.Lines;

/// <summary>
/// A file stream that fails once a line runs past <paramref name="maxLineBytes"/> without a line break: a reader
/// asking for the next line would otherwise gather the whole upload into one string (a binary file, a file in
/// another encoding). Valid mirror and entity rows are a few hundred bytes.
/// </summary>
internal sealed class LineLengthLimit(Stream inner, int maxLineBytes) : Stream
{
    private long _sinceLineBreak;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, read));
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(ReadOnlySpan<byte> bytes)
    {
        var lastBreak = bytes.LastIndexOf((byte)'\n');
        _sinceLineBreak = lastBreak < 0 ? _sinceLineBreak + bytes.Length : bytes.Length - lastBreak - 1;
        if (_sinceLineBreak > maxLineBytes)
            throw new LineTooLongException(maxLineBytes);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A line of an uploaded file ran past the limit without a line break.</summary>
internal sealed class LineTooLongException(int maxLineBytes)
    : IOException($"A line of the file runs past {maxLineBytes} bytes without a line break: is it a CSV file, in UTF-8?")
{
    public int MaxLineBytes { get; } = maxLineBytes;
}
