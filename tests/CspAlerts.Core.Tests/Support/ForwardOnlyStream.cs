using CspAlerts.Ingest;

namespace CspAlerts.Core.Tests.Support;

/// <summary>A stream that can only be read forward, as a network upload is, and says whether it was disposed.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : ReadOnlyStream(new MemoryStream(bytes))
{
    public bool Disposed { get; private set; }

    public override int Read(Span<byte> buffer) => Inner.Read(buffer);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
