# Joins the signed-results branch (draft results) with the papers, deadlines and corrections.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0010_verbs_statuses_and_outcomes_joined"),
        ("dossiers", "0007_result_documents_and_draft_results"),
    ]

    operations = []
