"""Instruments in the functional admin: a new instrument, its items and the meaning of each
score are added here, without code. Every edit is audited. Measurements are personal data and
are not in the admin."""

from django.contrib import admin

from eenplan.assessments.models import Instrument, InstrumentItem, ScaleAnchor
from eenplan.privacy.admin_audit import AuditedInline, AuditedModelAdmin


class InstrumentItemInline(AuditedInline, admin.TabularInline):
    model = InstrumentItem
    extra = 0
    fields = [
        "position",
        "code",
        "name",
        "resident_name",
        "domain",
        "resident_only",
        "description",
        "resident_description",
    ]


class ScaleAnchorInline(AuditedInline, admin.TabularInline):
    model = ScaleAnchor
    extra = 0
    fields = ["item", "score", "label", "description"]
    list_select_related = ["item"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "item":
            # Only this instrument's items (the instrument is in the URL of its change page).
            object_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            instrument_id = int(str(object_id)) if str(object_id).isdigit() else 0
            kwargs["queryset"] = InstrumentItem.objects.filter(instrument_id=instrument_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Instrument)
class InstrumentAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "scored_by", "scale_min", "scale_max", "active"]
    list_filter = ["scored_by", "active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    fields = [
        "name",
        "code",
        "description",
        "resident_name",
        "resident_description",
        "scored_by",
        "scale_min",
        "scale_max",
        "position",
        "active",
    ]
    inlines = [InstrumentItemInline, ScaleAnchorInline]
