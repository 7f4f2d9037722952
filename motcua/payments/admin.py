"""Django admin (superusers): the applicant groups exempt from fees and which fee lines they are exempt from."""

from django.contrib import admin

from motcua.payments.models import ApplicantGroup, FeeExemption


class FeeExemptionInline(admin.TabularInline):
    model = FeeExemption
    extra = 1
    autocomplete_fields = ["procedure"]


@admin.register(ApplicantGroup)
class ApplicantGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "legal_basis"]
    search_fields = ["name", "code"]
    inlines = [FeeExemptionInline]
