from django.db import migrations


class Migration(migrations.Migration):
    """Join the "awaiting payment" status and payment verbs with the portal filings, data fields and notices."""

    dependencies = [
        ("dossiers", "0015_merge_portal_filings"),
        ("dossiers", "0013_awaiting_payment_and_payment_verbs"),
    ]

    operations = []
