import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def give_identities(apps, schema_editor):
    """Every existing unit keeps its code as its stable id (paths unchanged) and gets one designation."""
    Unit = apps.get_model("units", "Unit")
    UnitDesignation = apps.get_model("units", "UnitDesignation")
    units = list(Unit.objects.all())
    for unit in units:
        unit.uid = unit.code
    Unit.objects.bulk_update(units, ["uid"], batch_size=500)
    UnitDesignation.objects.bulk_create(
        [
            UnitDesignation(unit=u, code=u.code, name=u.name, valid_from=u.valid_from, valid_to=u.valid_to)
            for u in units
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("units", "0002_levels")]

    operations = [
        migrations.CreateModel(
            name="UnitDesignation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(db_index=True, max_length=16, verbose_name="mã đơn vị hành chính")),
                ("name", models.CharField(max_length=200, verbose_name="tên")),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="từ ngày")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="đến ngày")),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="designations",
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
            options={
                "verbose_name": "mã và tên theo thời gian",
                "verbose_name_plural": "mã và tên theo thời gian",
                "ordering": ["unit", "valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True),
                            ("valid_from__isnull", True),
                            ("valid_to__gte", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="unit_designation_validity_in_order",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="unit",
            name="uid",
            field=models.CharField(max_length=64, null=True, verbose_name="mã định danh ổn định"),
        ),
        migrations.RunPython(give_identities, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="unit",
            name="uid",
            field=models.CharField(
                blank=True,
                help_text="Không đổi khi đơn vị đổi mã hoặc tên; để trống để dùng mã đơn vị.",
                max_length=64,
                unique=True,
                validators=[django.core.validators.RegexValidator("^[^/]+$", "Mã định danh không được chứa ký tự “/”.")],
                verbose_name="mã định danh ổn định",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="code",
            field=models.CharField(db_index=True, max_length=16, verbose_name="mã đơn vị hành chính"),
        ),
    ]
