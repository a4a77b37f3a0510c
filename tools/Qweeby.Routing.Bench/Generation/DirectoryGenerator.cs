using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Bench.Load;

namespace Qweeby.Routing.Bench.Generation;

/// <summary>
/// Loads a synthetic national directory through binary COPY (<see cref="NpgsqlBinaryImporter"/>): N entities
/// with SIREN, SIRET, French VAT and GLN, an administrator contact each, a provider registration each, and
/// 100 suppliers whose customer directories hold one entry and one customer number per entity. Keys and
/// indexes are dropped first and built after the load (<see cref="DeferredKeys"/>).
/// </summary>
public sealed class DirectoryGenerator(NpgsqlDataSource db, Action<string> log)
{
    public const int Providers = 20;
    private static readonly string[] BulkTables = ["entity", "entity_identifier", "contact", "provider_registration", "customer_entry", "customer_number"];

    public static string ProviderId(long i) => $"bench-ap-{i % Providers:D2}";

    /// <param name="settleJit">First warm the loader up and let the JIT settle (<see cref="WarmUpAsync"/>); a smoke run skips it.</param>
    public async Task<LoadReport> LoadAsync(long entities, bool settleJit, CancellationToken ct)
    {
        CheckIdentifiers(entities);
        await InsertProvidersAsync(ct);
        var keys = await DeferredKeys.DropAsync(db, BulkTables, ct);
        keys.Log = log;
        if (settleJit)
            await WarmUpAsync(ct);

        var clock = Stopwatch.StartNew();
        await CopyEntitiesAndIdentifiersAsync(entities,
            // The name search indexes serve search, not routing: built last, timed apart.
            () => keys.RestoreAsync(db, ["entity"], ct, except: ["entity_name_trgm", "entity_name_words"]), ct);
        log($"    rows copied, entity key built in {clock.Elapsed.TotalSeconds:F3} s");
        await keys.RestoreAsync(db, ["entity_identifier"], ct);
        var entitySeconds = clock.Elapsed.TotalSeconds;
        log($"  entities + identifiers: {entities:N0} entities, {4 * entities:N0} identifiers in {entitySeconds:F1} s ({entities / entitySeconds:N0} entities/s)");

        clock.Restart();
        await CopyContactsAndRegistrationsAsync(entities, ct);
        await keys.RestoreAsync(db, ["contact", "provider_registration"], ct);
        var directorySeconds = clock.Elapsed.TotalSeconds;
        log($"  contacts + registrations: {directorySeconds:F1} s");

        clock.Restart();
        var customerRows = await CopyCustomerDirectoriesAsync(entities, ct);
        await keys.RestoreAsync(db, ["customer_entry", "customer_number"], ct);
        var customerSeconds = clock.Elapsed.TotalSeconds;
        log($"  customer directories: {customerRows:N0} entries and numbers in {customerSeconds:F1} s");

        clock.Restart();
        await keys.RestoreRemainingAsync(db, ct);
        await ExecAsync("ANALYZE", ct);
        var searchSeconds = clock.Elapsed.TotalSeconds;
        log($"  search index + analyze: {searchSeconds:F1} s");

        var (rawRows, rawSeconds) = await RawCopyAsync(entities, ct);
        log($"  raw binary COPY baseline: {rawRows:N0} rows in {rawSeconds:F1} s ({rawRows / rawSeconds:N0} rows/s)");
        return new LoadReport(entities, 4 * entities, customerRows, entitySeconds, directorySeconds, customerSeconds, searchSeconds,
            rawRows, rawSeconds, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Loads a small directory and the baseline's table, unrecorded, then empties the (new) database's tables and waits
    /// for the JIT to settle, as every other measurement does: a load of 10,000 entities lasts about 0.1 s, less than
    /// tiered compilation takes to promote the row writers, and it measured their unoptimized code (the raw COPY wrote
    /// 1.0 to 1.7 million rows/s with the JIT settled, 0.5 million without). Three rounds, because tiered PGO first
    /// swaps a hot method for an instrumented copy and optimizes it only after that copy has run. It also leaves the
    /// pool's connections open, as a loader's would be.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken ct)
    {
        const long sample = 2_000;
        for (var round = 0; round < 3; round++)
        {
            await CopyEntitiesAndIdentifiersAsync(sample, () => Task.CompletedTask, ct);
            await CopyContactsAndRegistrationsAsync(sample, ct);
            await CopyCustomerDirectoriesAsync(sample, ct);
            await RawCopyAsync(sample, ct);
            await ExecAsync($"TRUNCATE {string.Join(", ", BulkTables)}", ct);
            if (!await JitSettling.WaitAsync(TimeSpan.FromSeconds(10), ct))
                log($"    the JIT was still compiling after the warm-up's round {round + 1}");
        }
    }

    private Task CopyEntitiesAndIdentifiersAsync(long entities, Func<Task> afterEntities, CancellationToken ct) =>
        Task.WhenAll(
            CopyEntitiesThenAsync(entities, afterEntities, ct),
            // One stream in key order (ICD, then value, which grows with i): the primary key's sort finds its input sorted.
            CopyIdentifiersAsync(entities, ct));

    private Task CopyContactsAndRegistrationsAsync(long entities, CancellationToken ct) =>
        Task.WhenAll(
            CopyAsync("COPY contact (contact_id, entity_id, last_name, first_name, email, role) FROM STDIN (FORMAT BINARY)", entities, (w, i) =>
            {
                w.Write(SyntheticIds.ContactId(i), NpgsqlDbType.Uuid);
                w.Write(SyntheticIds.EntityId(i), NpgsqlDbType.Uuid);
                w.Write("Admin", NpgsqlDbType.Text);
                w.Write("Camille", NpgsqlDbType.Text);
                w.Write($"admin-{i}@e{i}.bench.example", NpgsqlDbType.Text);
                w.Write("administrator", NpgsqlDbType.Text);
            }, ct),
            CopyAsync("COPY provider_registration (entity_id, provider_id, is_default) FROM STDIN (FORMAT BINARY)", entities, (w, i) =>
            {
                w.Write(SyntheticIds.EntityId(i), NpgsqlDbType.Uuid);
                w.Write(ProviderId(i), NpgsqlDbType.Text);
                w.Write(true, NpgsqlDbType.Boolean);
            }, ct));

    /// <returns>How many entries (and as many customer numbers) were written.</returns>
    private async Task<long> CopyCustomerDirectoriesAsync(long entities, CancellationToken ct)
    {
        var perSupplier = SyntheticIds.CustomersPerSupplier(entities);
        var customerRows = perSupplier * SyntheticIds.Suppliers;
        await Task.WhenAll(
            CopyAsync("COPY customer_entry (entry_id, supplier_id, customer_id) FROM STDIN (FORMAT BINARY)", customerRows, (w, n) =>
            {
                var supplier = (int)(n / perSupplier);
                w.Write(SyntheticIds.EntryId(n), NpgsqlDbType.Uuid);
                w.Write(SyntheticIds.EntityId(supplier), NpgsqlDbType.Uuid);
                w.Write(SyntheticIds.EntityId(SyntheticIds.CustomerOf(supplier, n % perSupplier, entities)), NpgsqlDbType.Uuid);
            }, ct),
            CopyAsync("COPY customer_number (supplier_id, number, entry_id) FROM STDIN (FORMAT BINARY)", customerRows, (w, n) =>
            {
                var supplier = (int)(n / perSupplier);
                w.Write(SyntheticIds.EntityId(supplier), NpgsqlDbType.Uuid);
                w.Write(SyntheticIds.CustomerNumber(supplier, n % perSupplier), NpgsqlDbType.Text);
                w.Write(SyntheticIds.EntryId(n), NpgsqlDbType.Uuid);
            }, ct));
        return customerRows;
    }

    /// <summary>
    /// The baseline: entity-shaped rows (uuid, two short texts, a name, a country) into one table with no key,
    /// no index and no trigger, on one connection: what Postgres and Npgsql do at best, here, now.
    /// </summary>
    public async Task<(long Rows, double Seconds)> RawCopyAsync(long rows, CancellationToken ct)
    {
        await ExecAsync("DROP TABLE IF EXISTS bench_raw_copy; CREATE TABLE bench_raw_copy (id uuid, kind text, legal_name text, country char(2))", ct);
        var clock = Stopwatch.StartNew();
        await CopyAsync("COPY bench_raw_copy (id, kind, legal_name, country) FROM STDIN (FORMAT BINARY)", rows, (w, i) =>
        {
            w.Write(SyntheticIds.EntityId(i), NpgsqlDbType.Uuid);
            w.Write("company", NpgsqlDbType.Text);
            w.Write(SyntheticNames.LegalName(i), NpgsqlDbType.Text);
            w.Write("FR", NpgsqlDbType.Char);
        }, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await ExecAsync("DROP TABLE bench_raw_copy", ct);
        return (rows, seconds);
    }

    /// <summary>The generated numbers are what the service's own parser accepts, already normalized (a sample across the range).</summary>
    private static void CheckIdentifiers(long entities)
    {
        for (long i = 0; i < entities; i += Math.Max(1, entities / 1_000))
            foreach (var (icd, value) in IdentifierSchemes)
            {
                var id = Core.Identifiers.PartyId.Parse($"{icd}:{value(i)}");
                if (id.Icd != icd || id.Value != value(i))
                    throw new InvalidOperationException($"generated {icd}:{value(i)} normalizes to {id}");
            }
    }

    private async Task CopyEntitiesThenAsync(long entities, Func<Task> then, CancellationToken ct)
    {
        await CopyAsync("COPY entity (entity_id, kind, legal_name, country) FROM STDIN (FORMAT BINARY)", entities, (w, i) =>
        {
            w.Write(SyntheticIds.EntityId(i), NpgsqlDbType.Uuid);
            w.Write("company", NpgsqlDbType.Text);
            w.Write(SyntheticNames.LegalName(i), NpgsqlDbType.Text);
            w.Write("FR", NpgsqlDbType.Char);
        }, ct);
        await then();
    }

    private static readonly (string Icd, Func<long, string> Value)[] IdentifierSchemes =
        [("0002", SyntheticIds.Siren), ("0009", SyntheticIds.Siret), ("0088", SyntheticIds.Gln), ("9957", SyntheticIds.FrenchVat)];

    private Task CopyIdentifiersAsync(long entities, CancellationToken ct)
    {
        // SIRENs, SIRETs and GLNs grow with i; VAT numbers (FR + key + SIREN) grow with (key, i).
        var vatOrder = SyntheticIds.InVatOrder(entities);
        return CopyAsync("COPY entity_identifier (icd, value, entity_id) FROM STDIN (FORMAT BINARY)", IdentifierSchemes.Length * entities, (w, n) =>
        {
            var scheme = n / entities;
            var (icd, value) = IdentifierSchemes[scheme];
            var i = scheme == 3 ? vatOrder[n % entities] : n % entities;
            w.Write(icd, NpgsqlDbType.Text);
            w.Write(value(i), NpgsqlDbType.Text);
            w.Write(SyntheticIds.EntityId(i), NpgsqlDbType.Uuid);
        }, ct);
    }

    // Synchronous writes on a thread of their own: the importer buffers, and async per value costs more than it saves here.
    private Task CopyAsync(string copy, long rows, Action<NpgsqlBinaryImporter, long> write, CancellationToken ct) =>
        Task.Factory.StartNew(() =>
        {
            using var connection = db.OpenConnection();
            using var importer = connection.BeginBinaryImport(copy);
            importer.Timeout = TimeSpan.Zero;
            for (long i = 0; i < rows; i++)
            {
                if ((i & 0xFFFF) == 0)
                    ct.ThrowIfCancellationRequested();
                importer.StartRow();
                write(importer, i);
            }
            importer.Complete();
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private async Task InsertProvidersAsync(CancellationToken ct)
    {
        for (var p = 0; p < Providers; p++)
        {
            await using var cmd = db.CreateCommand("""
                INSERT INTO service_provider (provider_id, name, endpoint, channel) VALUES ($1, $2, $3, 'interoperability')
                ON CONFLICT (provider_id) DO NOTHING
                """);
            cmd.Parameters.Add(new() { Value = ProviderId(p) });
            cmd.Parameters.Add(new() { Value = $"Bench access point {p:D2}" });
            cmd.Parameters.Add(new() { Value = $"http://127.0.0.1:9/{p:D2}" });
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
