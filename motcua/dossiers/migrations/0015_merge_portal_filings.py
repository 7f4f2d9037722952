from django.db import migrations


class Migration(migrations.Migration):
    """Join the national portal's filings (0013_portal_filing) with the data fields and notice channels."""

    dependencies = [
        ("dossiers", "0014_merge_data_and_notify"),
        ("dossiers", "0013_portal_filing"),
    ]

    operations = []
