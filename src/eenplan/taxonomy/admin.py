"""The shared language in the functional admin: the beheer role keeps the life domains and the
glossary current; every edit is audited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from eenplan.privacy.admin_audit import AuditedModelAdmin
from eenplan.taxonomy.models import GlossaryTerm, LifeDomain


@admin.register(LifeDomain)
class LifeDomainAdmin(AuditedModelAdmin):
    """Names, explanations and order can change; a domain is never removed and its code never
    changes, because goals, measurements, signal types and involvements point to it, and a few
    rules ("ask about work, money and housing first") name it by code."""

    list_display = ["name", "code", "position", "description"]
    list_editable = ["position"]
    search_fields = ["name", "code", "description"]
    fields = ["name", "code", "description", "position"]
    prepopulated_fields = {"code": ["name"]}

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict:
        return {} if obj is not None else dict(self.prepopulated_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(AuditedModelAdmin):
    list_display = ["term", "life_domain", "organisation_kind", "jargon", "plain_alternative"]
    list_filter = ["jargon", "life_domain", "organisation_kind"]
    search_fields = ["term", "synonyms", "plain_alternative"]
    list_select_related = ["life_domain"]
    fields = [
        "term",
        "synonyms",
        "organisation_kind",
        "life_domain",
        "explanation_resident",
        "explanation_professional",
        "jargon",
        "plain_alternative",
    ]
