using Microsoft.Data.Sqlite;

namespace PubkyCluster.Storage.Embedded.Database;

/// <summary>
/// One connection's commands, kept prepared and reused by SQL text. Microsoft.Data.Sqlite prepares the SQL of every new
/// command again, which cost about as much as running it (a profile of 32 users' PUTs: 11 % of the process's CPU in
/// preparing), so the writer and every kept reader connection (<see cref="ReaderConnections"/>) hold their statements.
/// A connection runs one caller's work at a time, so the cache takes no lock. A command is lent to one caller at a
/// time; its caller's Dispose returns it here, and a second use of the same SQL while it is lent gets a fresh command.
/// The stores run a fixed set of statements, so the cache stops growing at <see cref="Capacity"/> rather than evicting:
/// SQL built with values in its text would otherwise churn it.
/// </summary>
internal sealed class StatementCache(SqliteConnection connection)
{
    private const int Capacity = 64;

    private readonly Dictionary<string, CachedCommand> _commands = new(StringComparer.Ordinal);

    public SqliteCommand Rent(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= Capacity)
            {
                return Fresh(sql);
            }

            command = new CachedCommand { Connection = connection, CommandText = sql };
            _commands.Add(sql, command);
        }

        return command.TryRent() ? command : Fresh(sql);
    }

    /// <summary>Finalizes every statement; before the connection closes, which cannot close with statements open.</summary>
    public void Clear()
    {
        foreach (var command in _commands.Values)
        {
            command.Retire();
        }

        _commands.Clear();
    }

    private SqliteCommand Fresh(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private sealed class CachedCommand : SqliteCommand
    {
        private bool _lent;
        private bool _retired;

        public bool TryRent()
        {
            if (_lent)
            {
                return false;
            }

            _lent = true;
            return true;
        }

        public void Retire()
        {
            _retired = true;
            Dispose();
        }

        /// <summary>A caller's Dispose keeps the prepared statements and forgets only what that caller set.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing && !_retired)
            {
                DataReader?.Dispose();
                Parameters.Clear();
                Transaction = null;
                _lent = false;
                return;
            }

            base.Dispose(disposing);
        }
    }
}
