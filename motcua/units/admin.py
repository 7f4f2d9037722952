"""Admin pages (in Vietnamese) for the administrative tree: levels and units."""

import datetime as dt

from django.contrib import admin
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.units.models import Unit, UnitLevel


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


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "agency_id", "validity"]
    list_display_links = ["code", "name"]
    list_filter = ["level", ValidityFilter, ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name", "agency_id"]
    list_select_related = ["level", "parent"]
    # Communes number in the thousands: a select box would be unusable.
    raw_id_fields = ["parent"]
    filter_horizontal = ["successors"]
    readonly_fields = ["path"]
    fieldsets = [
        (None, {"fields": ["code", "name", "level", "parent", "agency_id"]}),
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
