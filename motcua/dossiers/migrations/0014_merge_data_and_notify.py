from django.db import migrations


class Migration(migrations.Migration):
    """Join the procedure data fields (0013_dossier_data) and the notice channels (0013_dossier_notify_channels)."""

    dependencies = [
        ("dossiers", "0013_dossier_data"),
        ("dossiers", "0013_dossier_notify_channels"),
    ]

    operations = []
