# The facts of its result document stored on each dossier (QĐ 766 index 4.1, 4.2, 4.4), filled here.

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def fill_result_facts(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    ResultDocument = apps.get_model("dossiers", "ResultDocument")
    documents = ResultDocument.objects.filter(dossier=OuterRef("pk"))
    Dossier.objects.filter(Exists(documents.filter(electronic=True, sha256__gt=""))).update(result_electronic=True)
    Dossier.objects.filter(Exists(documents.filter(pushed_to_data_store=True))).update(result_in_data_store=True)


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0018_index766_stored_facts'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossier',
            name='result_electronic',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='có kết quả điện tử'),
        ),
        migrations.AddField(
            model_name='dossier',
            name='result_in_data_store',
            field=models.BooleanField(db_default=False, default=False, editable=False, verbose_name='kết quả đã đưa vào kho dữ liệu'),
        ),
        migrations.RunPython(fill_result_facts, migrations.RunPython.noop),
    ]
