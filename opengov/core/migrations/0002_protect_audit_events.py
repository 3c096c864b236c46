"""Install the triggers that refuse UPDATE and DELETE on audit events."""

from django.db import migrations

from opengov.core.db_triggers import install_audit_triggers, remove_audit_triggers


def forward(apps, schema_editor):
    install_audit_triggers(schema_editor.connection)


def backward(apps, schema_editor):
    remove_audit_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
