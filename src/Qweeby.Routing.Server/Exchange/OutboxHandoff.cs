using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// Submit's way to this host's sender without a claim: Submit reserves a place, stores the invoice with
/// its outbox row leased (<see cref="Data.Exchange.OutboxLease"/>) and hands it over here; the outbox
/// worker sends it and frees the place once sent. At most <see cref="ExchangeOptions.Workers"/> ×
/// <see cref="ExchangeOptions.BatchSize"/> invoices wait or are being sent; past that, and on a host that
/// does not forward or is stopping, Submit stores its row unleased for a claimer.
/// </summary>
public sealed class OutboxHandoff(IOptions<ExchangeOptions> options)
{
    private readonly Channel<HandedInvoice> _handed = Channel.CreateUnbounded<HandedInvoice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _capacity = options.Value.Workers * options.Value.BatchSize;
    private int _reserved;
    private volatile bool _open;

    public ChannelReader<HandedInvoice> Reader => _handed.Reader;

    /// <summary>The worker takes handed invoices from now on.</summary>
    public void Open() => _open = true;

    /// <summary>The worker stops taking them: later Submits store their rows unleased.</summary>
    public void Close() => _open = false;

    /// <summary>A place for one invoice, or false: then store it unleased. Give it back with <see cref="Release"/> unless it is handed over.</summary>
    public bool TryReserve()
    {
        if (!_open)
            return false;
        if (Interlocked.Increment(ref _reserved) <= _capacity)
            return true;
        Interlocked.Decrement(ref _reserved);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _reserved);

    /// <summary>Hands over an invoice whose place was reserved; the place is freed by <see cref="Release"/> once it is sent.</summary>
    public void Hand(HandedInvoice invoice)
    {
        // Unbounded: never refuses. A handed invoice the worker never takes (the host stopped) falls due again when its lease ends.
        _handed.Writer.TryWrite(invoice);
    }
}
