# The worklist's default order across many units (oversight) read from an index.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0003_attachments_sweep_notices"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["received_at"], name="dossier_received"),
        ),
    ]
