"""Admin pages (in Vietnamese) for declared days off / make-up days and office hours."""

from django.contrib import admin

from motcua.units.models import Unit

# Importing the service connects the signals that drop cached calendars when
# these rows change; admin is loaded at start-up in every process.
from motcua.workdays import service  # noqa: F401
from motcua.workdays.models import DeclaredDay, WorkSchedule

_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


class YearFilter(admin.SimpleListFilter):
    title = "năm"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(date__year=int(self.value()))
        return queryset


@admin.register(DeclaredDay)
class DeclaredDayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "scope", "note"]
    list_filter = ["kind", ("province", admin.RelatedOnlyFieldListFilter), YearFilter]
    search_fields = ["note", "province__name", "province__code"]
    date_hierarchy = "date"
    list_select_related = ["province"]
    fields = ["date", "kind", "province", "note"]

    @admin.display(description="thứ", ordering="date")
    def weekday(self, obj):
        return _WEEKDAYS[obj.date.weekday()]

    @admin.display(description="phạm vi", ordering="province__name")
    def scope(self, obj):
        return obj.province.name if obj.province_id else "Toàn quốc"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province":
            # Only the top of a tree is a province; an empty choice means nationwide.
            kwargs["queryset"] = Unit.objects.filter(parent__isnull=True)
            kwargs["help_text"] = "Để trống nếu áp dụng toàn quốc."
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(WorkSchedule)
class WorkScheduleAdmin(admin.ModelAdmin):
    list_display = ["unit", "morning", "afternoon"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit"]
    # Communes number in the thousands: a select box would be unusable.
    raw_id_fields = ["unit"]
    fieldsets = [
        (None, {"fields": ["unit"], "description": "Các đơn vị cấp dưới không khai báo giờ riêng dùng giờ này."}),
        ("Buổi sáng", {"fields": ["morning_start", "morning_end"]}),
        ("Buổi chiều", {"fields": ["afternoon_start", "afternoon_end"]}),
    ]

    @admin.display(description="buổi sáng")
    def morning(self, obj):
        return f"{obj.morning_start:%H:%M}–{obj.morning_end:%H:%M}"

    @admin.display(description="buổi chiều")
    def afternoon(self, obj):
        return f"{obj.afternoon_start:%H:%M}–{obj.afternoon_end:%H:%M}"
