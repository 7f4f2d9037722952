import hashlib

from django.db import migrations, models


def fingerprint_existing_tokens(apps, schema_editor):
    # Tokens made before the field existed belong to their user's current password.
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.select_related("user").filter(revoked=False):
        token.password_fingerprint = hashlib.sha256((token.user.password or "").encode("utf-8")).hexdigest()
        token.save(update_fields=["password_fingerprint"])


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="password_fingerprint",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="dấu mật khẩu"),
        ),
        migrations.RunPython(fingerprint_existing_tokens, migrations.RunPython.noop),
    ]
