from django.db import migrations


class Migration(migrations.Migration):
    """Join the procedures' own data fields and their fee lines and subjects."""

    dependencies = [
        ("catalog", "0004_procedure_data_fields"),
        ("catalog", "0004_procedure_fees_and_subjects"),
    ]

    operations = []
