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
/// An invoice still sending after <see cref="OutboxWorker.SlotHold"/> frees its place and lingers within the worker's
/// own bound on lingering sends and documents.
/// </summary>
public sealed class OutboxHandoff(IOptions<ExchangeOptions> options)
{
    private readonly Channel<HandedInvoice> _handed = Channel.CreateUnbounded<HandedInvoice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _capacity = options.Value.Workers * options.Value.BatchSize;
    private readonly long _byteCapacity = options.Value.Workers * options.Value.MaxClaimBytes;
    private readonly Lock _gate = new();
    private int _reserved;
    private long _reservedBytes;
    private int _unhanded; // places reserved whose invoice is neither handed over nor given up yet
    private TaskCompletionSource? _allHanded;
    private bool _open;

    public ChannelReader<HandedInvoice> Reader => _handed.Reader;

    /// <summary>The worker takes handed invoices from now on.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _open = true;
            _allHanded = null;
        }
    }

    /// <summary>
    /// The worker stops taking them: later Submits store their rows unleased. Completes once every Submit that had a
    /// place has handed its invoice over or given the place up, so that what the worker then finds in <see cref="Reader"/>
    /// is all it must hand back (an invoice handed after that would wait for its lease to end).
    /// </summary>
    public Task CloseAsync()
    {
        lock (_gate)
        {
            _open = false;
            if (_unhanded == 0)
                return Task.CompletedTask;
            _allHanded ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _allHanded.Task;
        }
    }

    /// <summary>
    /// A place for one invoice of <paramref name="bytes"/> (one always fits when none is held), or false: then store it
    /// unleased. Then <see cref="Hand"/> it over, or <see cref="GiveUp"/> the place.
    /// </summary>
    public bool TryReserve(long bytes)
    {
        lock (_gate)
        {
            if (!_open || _reserved >= _capacity || _reserved > 0 && _reservedBytes + bytes > _byteCapacity)
                return false;
            _reserved++;
            _reservedBytes += bytes;
            _unhanded++;
            return true;
        }
    }

    /// <summary>Frees the place of an invoice handed over, once it is sent.</summary>
    public void Release(long bytes)
    {
        lock (_gate)
        {
            _reserved--;
            _reservedBytes -= bytes;
        }
    }

    /// <summary>Gives back a place whose invoice will not be handed over (its Submit failed, or repeated an earlier one).</summary>
    public void GiveUp(long bytes)
    {
        lock (_gate)
        {
            _reserved--;
            _reservedBytes -= bytes;
            Settle();
        }
    }

    /// <summary>Hands over an invoice whose place was reserved; the place is freed by <see cref="Release"/> once it is sent.</summary>
    public void Hand(HandedInvoice invoice)
    {
        // Unbounded: never refuses. Written before it is counted as handed, so a closing worker that waited finds it.
        _handed.Writer.TryWrite(invoice);
        lock (_gate)
            Settle();
    }

    private void Settle()
    {
        if (--_unhanded == 0)
            _allHanded?.TrySetResult();
    }
}
