namespace PubkyCluster.Storage.Embedded.Database;

/// <summary>
/// The embedded profile's tables, created idempotently at start. Times are microseconds since the Unix epoch, UTC.
/// Paths are TEXT under the default BINARY collation, so comparisons follow the byte order of their UTF-8.
/// </summary>
internal static class EmbeddedSchema
{
    /// <summary>Run on every start; each statement is a no-op when its object exists.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS users (
            user_key            TEXT    NOT NULL PRIMARY KEY,
            created_at          INTEGER NOT NULL,
            disabled            INTEGER NOT NULL DEFAULT 0,
            quota_mb            INTEGER NULL,
            quota_unlimited     INTEGER NOT NULL DEFAULT 0,
            allowed_write_paths TEXT    NULL,
            used_bytes          INTEGER NOT NULL DEFAULT 0,
            file_count          INTEGER NOT NULL DEFAULT 0,
            last_write          INTEGER NULL
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS users_disabled ON users (user_key) WHERE disabled = 1;

        CREATE TABLE IF NOT EXISTS entries (
            user_key       TEXT    NOT NULL,
            path           TEXT    NOT NULL,
            blob_id        TEXT    NOT NULL,
            content_hash   BLOB    NOT NULL,
            content_length INTEGER NOT NULL,
            content_type   TEXT    NOT NULL,
            created_at     INTEGER NOT NULL,
            modified_at    INTEGER NOT NULL,
            PRIMARY KEY (user_key, path)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS entries_blob_id ON entries (blob_id);

        CREATE TABLE IF NOT EXISTS events (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            user_key     TEXT    NOT NULL,
            kind         TEXT    NOT NULL CHECK (kind IN ('PUT', 'DEL')),
            path         TEXT    NOT NULL,
            content_hash BLOB    NULL,
            created_at   INTEGER NOT NULL
        );

        CREATE INDEX IF NOT EXISTS events_user_id ON events (user_key, id);
        CREATE INDEX IF NOT EXISTS events_created_at ON events (created_at);

        CREATE TABLE IF NOT EXISTS signup_tokens (
            token               TEXT    NOT NULL PRIMARY KEY,
            created_at          INTEGER NOT NULL,
            quota_mb            INTEGER NULL,
            quota_unlimited     INTEGER NOT NULL DEFAULT 0,
            allowed_write_paths TEXT    NULL,
            used_by             TEXT    NULL,
            used_at             INTEGER NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS blobs (
            id         TEXT    NOT NULL PRIMARY KEY,
            created_at INTEGER NOT NULL,
            body       BLOB    NOT NULL
        );

        CREATE INDEX IF NOT EXISTS blobs_created_at ON blobs (created_at, id);

        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT    NOT NULL,
            grain_id   TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            data       BLOB    NOT NULL,
            PRIMARY KEY (grain_type, grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Changes to databases made by <see cref="Create"/>, in order: migration i takes <c>PRAGMA user_version</c> from i
    /// to i + 1, so each runs once per database, new ones included. Append only.
    /// </summary>
    public static readonly string[] Migrations =
    [
        // Per-user bandwidth overrides (null = the configured default, else "unlimited" or a bandwidth), and the same
        // carried by signup tokens.
        """
        ALTER TABLE users ADD COLUMN rate_read TEXT NULL;
        ALTER TABLE users ADD COLUMN rate_write TEXT NULL;
        ALTER TABLE signup_tokens ADD COLUMN rate_read TEXT NULL;
        ALTER TABLE signup_tokens ADD COLUMN rate_write TEXT NULL;
        """,
        // The admin listing of signup tokens by state: each state's tokens in order, so a page is an index range.
        """
        CREATE INDEX signup_tokens_used ON signup_tokens (token) WHERE used_by IS NOT NULL;
        CREATE INDEX signup_tokens_unused ON signup_tokens (token) WHERE used_by IS NULL;
        """,
        // Users whose record points at another homeserver (the republisher's finding), for the admin listing of
        // departed users; the index holds only them, so a page is an index range.
        """
        ALTER TABLE users ADD COLUMN departed_to TEXT NULL;
        ALTER TABLE users ADD COLUMN departed_first_seen INTEGER NULL;
        ALTER TABLE users ADD COLUMN departed_last_seen INTEGER NULL;
        CREATE INDEX users_departed ON users (user_key) WHERE departed_to IS NOT NULL;
        """,
    ];
}
