from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0003_procedure_paper_result"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="fees",
            field=models.JSONField(blank=True, default=None, null=True, verbose_name="phí, lệ phí"),
        ),
        migrations.AddField(
            model_name="procedure",
            name="subjects",
            field=models.JSONField(blank=True, default=None, null=True, verbose_name="đối tượng thực hiện"),
        ),
    ]
