using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Submit's way to this host's sender without a claim: Submit reserves a place, stores the invoice with
/// its outbox row leased (<see cref="Data.Exchange.OutboxLease"/>) and hands it over here; the outbox
/// worker sends it and frees the place once sent. At most <see cref="ExchangeOptions.Workers"/> ×
/// <see cref="ExchangeOptions.BatchSize"/> invoices, and <see cref="ExchangeOptions.Workers"/> ×
/// <see cref="ExchangeOptions.MaxClaimBytes"/> of their documents (what the worker's claims hold at most), wait or are being
/// sent; past that, and on a host that does not forward or is stopping, Submit stores its row unleased for a claimer.
/// </summary>
public sealed class OutboxHandoff(IOptions<ExchangeOptions> options)
{
    private readonly Channel<HandedInvoice> _handed = Channel.CreateUnbounded<HandedInvoice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _capacity = options.Value.Workers * options.Value.BatchSize;
    private readonly long _byteCapacity = options.Value.Workers * options.Value.MaxClaimBytes;
    private readonly Lock _gate = new();
    private int _reserved;
    private long _reservedBytes;
    private volatile bool _open;

    public ChannelReader<HandedInvoice> Reader => _handed.Reader;

    /// <summary>The worker takes handed invoices from now on.</summary>
    public void Open() => _open = true;

    /// <summary>The worker stops taking them: later Submits store their rows unleased.</summary>
    public void Close() => _open = false;

    /// <summary>
    /// A place for one invoice of <paramref name="bytes"/> (one always fits when none is held), or false: then store it
    /// unleased. Give it back with <see cref="Release"/> unless it is handed over.
    /// </summary>
    public bool TryReserve(long bytes)
    {
        if (!_open)
            return false;
        lock (_gate)
        {
            if (_reserved >= _capacity || _reserved > 0 && _reservedBytes + bytes > _byteCapacity)
                return false;
            _reserved++;
            _reservedBytes += bytes;
            return true;
        }
    }

    public void Release(long bytes)
    {
        lock (_gate)
        {
            _reserved--;
            _reservedBytes -= bytes;
        }
    }

    /// <summary>Hands over an invoice whose place was reserved; the place is freed by <see cref="Release"/> once it is sent.</summary>
    public void Hand(HandedInvoice invoice)
    {
        // Unbounded: never refuses. A handed invoice the worker never takes (the host stopped) falls due again when its lease ends.
        _handed.Writer.TryWrite(invoice);
    }
}
