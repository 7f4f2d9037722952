from django.db import migrations


class Migration(migrations.Migration):
    """Join the QĐ 766 index's indexes with the rest of this round's dossier changes."""

    dependencies = [
        ("dossiers", "0016_merge_payments"),
        ("dossiers", "0013_index766_indexes"),
    ]

    operations = []
