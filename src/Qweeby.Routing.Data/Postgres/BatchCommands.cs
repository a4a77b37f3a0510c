using Npgsql;

namespace Qweeby.Routing.Data.Postgres;

/// <summary>One statement of an <see cref="NpgsqlBatch"/> with its positional parameters ($1, $2, …).</summary>
internal static class BatchCommands
{
    public static NpgsqlBatchCommand Of(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
