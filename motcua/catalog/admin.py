"""Admin pages (in Vietnamese) for the procedure catalog: fields, procedures, their papers and internal steps."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils import timezone

from motcua.accounts.models import Role
from motcua.catalog import components as papers
from motcua.catalog.models import Field, Procedure, ProcedureStep


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "procedure_count"]
    list_display_links = ["code", "name"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_procedures=Count("procedures"))

    @admin.display(description="số thủ tục", ordering="n_procedures")
    def procedure_count(self, obj):
        return obj.n_procedures


class ProcedureStepForm(forms.ModelForm):
    # The role is free text in the database; the admin offers only the roles users can have.
    role = forms.ChoiceField(label="vai trò thực hiện", choices=Role.choices)

    class Meta:
        model = ProcedureStep
        fields = ["position", "name", "role", "working_hours"]


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    form = ProcedureStepForm
    extra = 0
    ordering = ["position"]


class InForceFilter(admin.SimpleListFilter):
    title = "tình trạng"
    parameter_name = "tinh_trang"

    def lookups(self, request, model_admin):
        return [("con", "Đang áp dụng"), ("bai_bo", "Đã bãi bỏ, thay thế"), ("chua", "Chưa có hiệu lực")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "con":
            return queryset.exclude(announced_on__gt=today).exclude(abolished_on__lte=today)
        if self.value() == "bai_bo":
            return queryset.filter(abolished_on__lte=today)
        if self.value() == "chua":
            return queryset.filter(announced_on__gt=today)
        return queryset


_UNIT_LABELS = dict(Procedure._meta.get_field("legal_duration_unit").choices)


def _duration(value, unit) -> str:
    if not unit:
        return ""
    if unit == "same_day":
        return _UNIT_LABELS[unit]
    return f"{value} {_UNIT_LABELS.get(unit, unit)}"


class ProcedureAdminForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = "__all__"
        help_texts = {
            "components": 'Danh sách giấy tờ, ví dụ [{"name": "Giấy chứng sinh", "form": "original", "quantity": 1}]; '
            "form: original (bản chính), copy (bản sao), certified_copy (bản sao chứng thực).",
        }

    def clean_components(self):
        value = self.cleaned_data.get("components") or []
        if not isinstance(value, list) or len(value) > papers.COUNT_MAX:
            raise forms.ValidationError(f"Cần một danh sách tối đa {papers.COUNT_MAX} giấy tờ.")
        cleaned, seen = [], set()
        for n, item in enumerate(value, 1):
            if not isinstance(item, dict) or not set(item) <= {"name", "form", "quantity"}:
                raise forms.ValidationError(f"Giấy tờ thứ {n} cần dạng {{\"name\": …, \"form\": …, \"quantity\": …}}.")
            name, form, quantity = item.get("name"), item.get("form", "original"), item.get("quantity", 1)
            _part, reason = papers.check_component(name, form, quantity)
            if reason:
                raise forms.ValidationError(f"Giấy tờ thứ {n}: {reason}.")
            if papers.name_key(name) in seen:
                raise forms.ValidationError(f"Giấy tờ thứ {n} «{name.strip()}» bị lặp lại.")
            seen.add(papers.name_key(name))
            cleaned.append({"name": " ".join(name.split()), "form": form, "quantity": quantity})
        return cleaned


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureAdminForm
    list_display = ["code", "name", "field", "legal", "reduced", "mechanism", "online", "online_payment", "in_force"]
    list_display_links = ["code", "name"]
    list_filter = [
        "field",
        "mechanism",
        "online",
        "online_payment",
        "boundary_free",
        "process_approved",
        "process_electronic",
        InForceFilter,
        "level",
    ]
    search_fields = ["code", "name"]
    list_select_related = ["field", "level"]
    filter_horizontal = ["units"]
    inlines = [ProcedureStepInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "field", "level"]}),
        (
            "Thời hạn giải quyết",
            {"fields": [("legal_duration_value", "legal_duration_unit"), ("reduced_duration_value", "reduced_duration_unit")]},
        ),
        (
            "Cách thức thực hiện",
            {"fields": ["mechanism", "online", "online_payment", "boundary_free", "process_approved", "process_electronic", "paper_result"]},
        ),
        ("Thành phần hồ sơ", {"fields": ["components"]}),
        ("Công bố và áp dụng", {"fields": ["announced_on", "abolished_on", "units"]}),
    ]

    @admin.display(description="thời hạn theo quy định", ordering="legal_duration_value")
    def legal(self, obj):
        return _duration(obj.legal_duration_value, obj.legal_duration_unit)

    @admin.display(description="thời hạn cắt giảm", ordering="reduced_duration_value")
    def reduced(self, obj):
        return _duration(obj.reduced_duration_value, obj.reduced_duration_unit) or "—"

    @admin.display(description="đang áp dụng", boolean=True)
    def in_force(self, obj):
        return obj.is_in_force_on(timezone.localdate())
