# Covering indexes for appendix 01b's dossier counts (issue 11, benchmarks/report.py): the report
# reads dossiers, apologies and ratings from indexes alone (index-only scans) instead of the tables.
# dossier_unit_received_cover replaces dossier_unit_received (same key, more columns).
# On a large table build them off-hours: CREATE INDEX blocks writes to the table while it runs.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0004_received_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dossier',
            name='dossier_unit_received',
        ),
        migrations.AddIndex(
            model_name='apology',
            index=models.Index(fields=['dossier'], include=('issued_at',), name='apology_dossier_issued'),
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=models.Index(fields=['unit', 'received_at'], include=('id', 'resolved_at', 'due_at', 'channel', 'outcome', 'procedure', 'published_portal', 'published_website'), name='dossier_unit_received_cover'),
        ),
        migrations.AddIndex(
            model_name='dossier',
            index=models.Index(fields=['id'], include=('unit',), name='dossier_id_unit'),
        ),
        migrations.AddIndex(
            model_name='rating',
            index=models.Index(fields=['dossier'], include=('id', 'at', 'channel'), name='rating_dossier_at_channel'),
        ),
    ]
