"""Reading the shared language. The glossary holds no personal data: nothing to scope or log."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower

from eenplan.taxonomy.models import GlossaryTerm, LifeDomain

_SEARCHED_FIELDS = (
    "term",
    "synonyms",
    "plain_alternative",
    "explanation_resident",
    "explanation_professional",
)


@dataclass
class GlossaryGroup:
    """The terms of one life domain; `domain` None holds the words about the way of working."""

    domain: LifeDomain | None
    terms: list[GlossaryTerm] = field(default_factory=list)


def glossary_terms(*, query: str = "") -> QuerySet[GlossaryTerm]:
    """Terms in which every word of `query` occurs (in the term, a synonym or an explanation)."""
    terms = GlossaryTerm.objects.select_related("life_domain")
    for word in query.split()[:10]:
        condition = Q()
        for name in _SEARCHED_FIELDS:
            condition |= Q(**{f"{name}__icontains": word})
        terms = terms.filter(condition)
    return terms.order_by(F("life_domain__position").asc(nulls_last=True), Lower("term"))


def glossary_by_domain(*, query: str = "") -> list[GlossaryGroup]:
    """The glossary grouped by life domain, in the domains' order; general terms last."""
    groups: list[GlossaryGroup] = []
    for term in glossary_terms(query=query):
        if not groups or groups[-1].domain != term.life_domain:
            groups.append(GlossaryGroup(domain=term.life_domain))
        groups[-1].terms.append(term)
    return groups
