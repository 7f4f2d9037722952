# Joins the dossiers migrations written side by side in December 2026: the legal due time and
# calendar changes, the verbs of corrections, and the papers, stop notice and result document.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0008_verbs_of_corrections_and_calendar_changes"),
        ("dossiers", "0007_papers_stop_notice_result_document"),
    ]

    operations = []
