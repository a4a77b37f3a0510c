using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Foundation;

/// <summary>What goes through COPY's text format comes back from Postgres exactly as it was written.</summary>
public sealed class CopyTextRowsTests
{
    [Fact]
    public async Task Texts_with_the_formats_special_characters_nulls_numbers_and_timestamps_round_trip()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE copied (n int, t text, at timestamptz)";
            await create.ExecuteNonQueryAsync();
        }
        string?[] texts = [@"back\slash", "tab\there", "new\nline", "carriage\rreturn", @"\N", "", null, "é ü 漢字 🙂", new string('x', 70_000)];
        var at = new DateTimeOffset(2026, 9, 1, 12, 34, 56, TimeSpan.FromHours(2)).AddTicks(1234560);

        await using (var copy = await connection.BeginTextImportAsync("COPY copied (n, t, at) FROM STDIN"))
        {
            var rows = new CopyTextRows(copy);
            for (var i = 0; i < texts.Length; i++)
            {
                rows.Integer(i - 1).Text(texts[i]).Timestamp(i == 0 ? null : at.AddDays(i));
                await rows.EndRowAsync(CancellationToken.None);
            }
            await rows.FlushAsync(CancellationToken.None);
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT n, t, at FROM copied ORDER BY n";
        await using var reader = await read.ExecuteReaderAsync();
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(i - 1, reader.GetInt32(0));
            Assert.Equal(texts[i], reader.IsDBNull(1) ? null : reader.GetString(1));
            Assert.Equal(i == 0 ? null : at.AddDays(i).UtcDateTime, reader.IsDBNull(2) ? (DateTime?)null : reader.GetDateTime(2));
        }
        Assert.False(await reader.ReadAsync());
    }
}
