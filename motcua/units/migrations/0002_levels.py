from django.db import migrations

# The levels of both structures: province → district → commune until 30 Jun
# 2025, province → commune since. Administrators may add others.
LEVELS = [("province", "Tỉnh, thành phố", 1), ("district", "Huyện, quận, thị xã", 2), ("commune", "Xã, phường, thị trấn", 3)]


def add_levels(apps, schema_editor):
    UnitLevel = apps.get_model("units", "UnitLevel")
    for code, name, rank in LEVELS:
        UnitLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(add_levels, migrations.RunPython.noop)]
