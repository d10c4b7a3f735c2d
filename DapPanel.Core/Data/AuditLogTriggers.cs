namespace DapPanel.Core.Data;

/// <summary>
/// The database itself refuses to change or remove an audit entry, whoever connects to it; the context's
/// own check catches the app's mistakes earlier with a clearer message. Applied by each provider's migration.
/// </summary>
public static class AuditLogTriggers
{
    public const string Refusal = "The audit log is append-only: entries cannot be changed or deleted.";

    public const string Sqlite = $"""
        CREATE TRIGGER "AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER "AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "AuditEvents_NoUpdate";
        DROP TRIGGER IF EXISTS "AuditEvents_NoDelete";
        """;

    public const string Postgres = $"""
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{Refusal}' USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER "AuditEvents_NoUpdateOrDelete" BEFORE UPDATE OR DELETE ON "AuditEvents"
            FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
        CREATE TRIGGER "AuditEvents_NoTruncate" BEFORE TRUNCATE ON "AuditEvents"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
        """;

    public const string DropPostgres = """
        DROP TRIGGER IF EXISTS "AuditEvents_NoTruncate" ON "AuditEvents";
        DROP TRIGGER IF EXISTS "AuditEvents_NoUpdateOrDelete" ON "AuditEvents";
        DROP FUNCTION IF EXISTS audit_events_append_only();
        """;
}
