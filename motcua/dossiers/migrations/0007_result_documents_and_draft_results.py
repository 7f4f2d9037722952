# Draft results (a PDF the leader signs). The result document itself is created by
# 0007_papers_stop_notice_result_document; 0011 gives it its attachment.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0006_merge_ratings_and_report_indexes"),
        ("dossiers", "0007_papers_stop_notice_result_document"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="kind",
            field=models.CharField(
                choices=[("component", "Thành phần hồ sơ"), ("result", "Kết quả giải quyết"), ("draft_result", "Dự thảo kết quả")],
                max_length=16,
                verbose_name="loại",
            ),
        ),
    ]
