using Npgsql;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Positional parameters for admin SQL: values only as parameters, null as SQL NULL.</summary>
internal static class AdminSql
{
    public static NpgsqlCommand With(this NpgsqlCommand cmd, params object?[] args)
    {
        foreach (var arg in args)
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        return cmd;
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? NullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset Time(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
