"""Areas in the functional admin: to look up, not to edit (the CBS importer keeps them current)."""

from django.contrib import admin

from eenplan.areas.models import District, Neighbourhood
from eenplan.privacy.admin_audit import ReadOnlyAuditedModelAdmin


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    fields = ["code", "name", "inhabitants", "households"]
    readonly_fields = ["code", "name", "inhabitants", "households"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(District)
class DistrictAdmin(ReadOnlyAuditedModelAdmin):
    list_display = ["code", "name", "municipality", "inhabitants"]
    list_filter = ["municipality"]
    search_fields = ["code", "name"]
    fields = ["code", "name", "municipality", "inhabitants"]
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(ReadOnlyAuditedModelAdmin):
    list_display = ["code", "name", "district", "inhabitants", "households"]
    list_filter = ["district"]
    search_fields = ["code", "name", "district__name"]
    fields = [
        "code",
        "name",
        "district",
        "inhabitants",
        "households",
        "social_assistance_recipients",
        "corporation_housing_percentage",
        "most_common_postcode",
    ]
