# The answer's deadline stored on each feedback item (QĐ 766 index 5.2), worked out here for the items received
# before it was kept, with the calendar of their unit as it stands.

from django.conf import settings
from django.db import migrations, models


def fill_due(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    if not Feedback.objects.filter(due_at__isnull=True).exists():
        return
    from motcua.feedback.deadline import fill_answer_due
    from motcua.units.models import Unit

    fill_answer_due(Feedback.objects.all(), Unit)


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0001_initial'),
        ('units', '0003_unit_identity_and_designations'),
        ('workdays', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='feedback',
            name='due_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='hạn trả lời'),
        ),
        migrations.AddIndex(
            model_name='feedback',
            index=models.Index(fields=['unit', 'due_at'], include=('answered_at',), name='feedback_unit_due'),
        ),
        migrations.RunPython(fill_due, migrations.RunPython.noop),
    ]
