"""Admin pages (in Vietnamese) for the administrative tree: levels and units."""

import datetime as dt

from django.contrib import admin
from django.db import transaction
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from motcua.units.models import Unit, UnitDesignation, UnitLevel, check_designations


@admin.register(UnitLevel)
class UnitLevelAdmin(admin.ModelAdmin):
    list_display = ["rank", "code", "name"]
    list_display_links = ["code", "name"]
    ordering = ["rank"]
    search_fields = ["code", "name"]


class ValidityFilter(admin.SimpleListFilter):
    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("con", "Đang hiệu lực"), ("het", "Đã hết hiệu lực"), ("chua", "Chưa có hiệu lực")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        started = Q(valid_from__isnull=True) | Q(valid_from__lte=today)
        not_ended = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        if self.value() == "con":
            return queryset.filter(started & not_ended)
        if self.value() == "het":
            return queryset.filter(valid_to__lt=today)
        if self.value() == "chua":
            return queryset.filter(valid_from__gt=today)
        return queryset


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class DesignationFormSet(BaseInlineFormSet):
    def clean(self):
        """Refuse (in Vietnamese) a history where a code belongs to two units, or the unit to two codes, at once."""
        super().clean()
        if any(self.errors):
            return
        rows = [
            UnitDesignation(**{k: form.cleaned_data.get(k) for k in ("code", "name", "valid_from", "valid_to")})
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if rows:
            check_designations(self.instance, rows)


class DesignationInline(admin.TabularInline):
    """The codes and names the unit held over time (one code belongs to one unit at a time)."""

    model = UnitDesignation
    formset = DesignationFormSet
    extra = 0
    fields = ["code", "name", "valid_from", "valid_to"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "agency_id", "validity"]
    list_display_links = ["code", "name"]
    list_filter = ["level", ValidityFilter, ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["uid", "code", "name", "agency_id", "designations__code", "designations__name"]
    list_select_related = ["level", "parent"]
    # Communes number in the thousands: a select box would be unusable.
    raw_id_fields = ["parent"]
    filter_horizontal = ["successors"]
    readonly_fields = ["path"]
    inlines = [DesignationInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "uid", "level", "parent", "agency_id"]}),
        ("Hiệu lực và sắp xếp đơn vị hành chính", {"fields": ["valid_from", "valid_to", "successors"]}),
        ("Kỹ thuật", {"fields": ["path"], "classes": ["collapse"]}),
    ]

    @admin.display(description="hiệu lực", ordering="valid_from")
    def validity(self, obj):
        if obj.valid_from and obj.valid_to:
            return f"{_day(obj.valid_from)} – {_day(obj.valid_to)}"
        if obj.valid_from:
            return f"từ {_day(obj.valid_from)}"
        if obj.valid_to:
            return f"đến {_day(obj.valid_to)}"
        return "—"

    def save_model(self, request, obj, form, change):
        """Save the unit and re-root the materialised paths of every unit below it."""
        old_path = Unit.objects.filter(pk=obj.pk).values_list("path", flat=True).first() if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if old_path and old_path != obj.path:
                below = list(Unit.objects.filter(path__startswith=old_path).exclude(pk=obj.pk))
                for unit in below:
                    unit.path = obj.path + unit.path[len(old_path) :]
                Unit.objects.bulk_update(below, ["path"], batch_size=500)

    def save_related(self, request, form, formsets, change):
        """Save the history, then keep the unit's code and name those of its latest designation."""
        super().save_related(request, form, formsets, change)
        unit = form.instance
        latest = max(unit.designations.all(), key=lambda d: d.valid_from or dt.date.min, default=None)
        if latest is not None and (latest.code, latest.name) != (unit.code, unit.name):
            unit.code, unit.name = latest.code, latest.name
            Unit.objects.filter(pk=unit.pk).update(code=unit.code, name=unit.name)
