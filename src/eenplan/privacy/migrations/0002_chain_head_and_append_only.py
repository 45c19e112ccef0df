"""The access log's chain head, and database triggers that refuse UPDATE and DELETE on the log and
the audit trail (PostgreSQL, the production database; SQLite relies on the model layer and the
hash chain, since Django's test flush deletes rows there)."""

from django.db import migrations

APPEND_ONLY_TABLES = ["privacy_accesslogentry", "privacy_accesslogsubject", "privacy_auditevent"]


def create_head(apps, schema_editor):
    apps.get_model("privacy", "AccessLogHead").objects.get_or_create(pk=1)


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION eenplan_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'eenplan: % is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql",
        params=None,
    )
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION eenplan_append_only()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS eenplan_append_only()")


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
