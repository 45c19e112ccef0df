"""The glossary in the functional admin: the beheer role keeps it current; every edit is audited."""

from django.contrib import admin

from eenplan.privacy.admin_audit import AuditedModelAdmin
from eenplan.taxonomy.models import GlossaryTerm


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
