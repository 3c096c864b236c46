"""Drop the single-column indexes of the audit events' object_key and scope_key: the indexes
(object_key, -sequence) and (scope_key, -sequence) of 0005 serve every read of them (equality
and IN, never a LIKE), and each index is one more to keep up on every append and to build when
the benchmark's data is loaded.

Plain DROP INDEX statements, with the fields' new state recorded apart (SeparateDatabaseAndState):
on SQLite, Django's AlterField remakes the table, which would drop the triggers that keep the
events append-only (0002)."""

from django.db import migrations, models

# The names Django gave them (0001), with PostgreSQL's companion indexes for LIKE.
INDEXES = {
    "core_auditevent_object_key_b4cfebf1": "object_key",
    "core_auditevent_scope_key_8703cf89": "scope_key",
}


def drop(apps, schema_editor):
    quote = schema_editor.quote_name
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name + '_like')}")


def create(apps, schema_editor):
    quote = schema_editor.quote_name
    table = quote("core_auditevent")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {quote(name)} ON {table} ({quote(column)})")
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX {quote(name + '_like')} ON {table} "
                f"({quote(column)} varchar_pattern_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_auditevent_newest_first_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="object_key",
                    field=models.CharField(max_length=170, verbose_name="object"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="scope_key",
                    field=models.CharField(blank=True, max_length=170, verbose_name="within"),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create)],
        )
    ]
