# Facts the QĐ 766 index reads per dossier, stored: paper flags generated from `components`, and the time the
# dossier first reached the national portal (filled here from the outbox's delivered messages).

import motcua.dossiers.paper_flags
from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_portal_synced_at(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    Message = apps.get_model("nationalportal", "OutboxMessage")
    delivered = Message.objects.filter(status="delivered")
    first = (
        delivered.filter(dossier=OuterRef("pk")).order_by().values("dossier")
        .annotate(at=Min(Coalesce("delivered", "last_attempt", "created"))).values("at")
    )
    Dossier.objects.filter(pk__in=delivered.values("dossier")).update(portal_synced_at=Subquery(first))


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0017_merge_index766_indexes'),
        ('nationalportal', '0001_outbox'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossier',
            name='paper_digitized',
            field=models.GeneratedField(db_persist=True, expression=motcua.dossiers.paper_flags.PaperFlag('digitized'), output_field=models.BooleanField()),
        ),
        migrations.AddField(
            model_name='dossier',
            name='paper_from_data_store',
            field=models.GeneratedField(db_persist=True, expression=motcua.dossiers.paper_flags.PaperFlag('from_data_store'), output_field=models.BooleanField()),
        ),
        migrations.AddField(
            model_name='dossier',
            name='paper_reused',
            field=models.GeneratedField(db_persist=True, expression=motcua.dossiers.paper_flags.PaperFlag('reused'), output_field=models.BooleanField()),
        ),
        migrations.AddField(
            model_name='dossier',
            name='portal_synced_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='đồng bộ lên Cổng DVC quốc gia lúc'),
        ),
        migrations.RunPython(fill_portal_synced_at, migrations.RunPython.noop),
    ]
