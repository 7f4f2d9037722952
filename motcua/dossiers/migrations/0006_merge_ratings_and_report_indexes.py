# Joins the dossiers migrations written side by side in December 2026: the rating rule,
# the report's covering indexes and the applicant-correction verb.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0005_one_rating_per_dossier_channel"),
        ("dossiers", "0005_report_covering_indexes"),
        ("dossiers", "0005_correct_applicant_verb"),
    ]

    operations = []
