"""The glossary: seeded, kept by the beheer role with every edit audited, readable when logged in."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import UserFactory, professional
from eenplan.privacy.models import AuditEvent
from eenplan.taxonomy.models import GlossaryTerm, LifeDomain
from eenplan.taxonomy.selectors import glossary_by_domain

pytestmark = pytest.mark.django_db

SEEDED = [
    "Wmo",
    "Participatiewet",
    "kostendelersnorm",
    "beschermingsbewind",
    "schuldhulpverlening",
    "indicatie",
    "maatwerkvoorziening",
    "keukentafelgesprek",
    "MDO",
    "regisseur",
    "Jeugdwet",
    "ZRM",
    "Participatieladder",
    "woonconsulent",
    "huurachterstand",
    "bijstand",
    "re-integratie",
]


def test_the_glossary_is_seeded_with_the_social_domains_words():
    terms = {t.term: t for t in GlossaryTerm.objects.select_related("life_domain")}
    assert len(terms) >= 40
    assert set(SEEDED) <= set(terms)
    assert terms["kostendelersnorm"].life_domain.code == "werk-inkomen"
    assert terms["huurachterstand"].life_domain.code == "wonen"
    assert terms["huurachterstand"].organisation_kind == "woningcorporatie"
    for term in terms.values():
        assert term.explanation_resident.strip() and term.explanation_professional.strip()
        # Every jargon word has something plain to say instead, and the seed passes validation.
        term.full_clean()


def test_every_seeded_explanation_for_residents_passes_the_plain_language_check():
    from eenplan.core.plainlanguage import check_text

    for term in GlossaryTerm.objects.all():
        # The term itself is the word being explained: only score and sentence length count.
        report = check_text(term.explanation_resident, glossary=[])
        assert report.score_reached, (term.term, report.score)
        assert not report.long_sentences, (term.term, report.long_sentences)


def test_a_jargon_term_needs_a_plain_alternative():
    term = GlossaryTerm(
        term="herindicatie",
        explanation_resident="Er komt een nieuw besluit.",
        explanation_professional="Opnieuw vaststellen van een indicatie.",
        jargon=True,
    )
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "plain_alternative" in error.value.message_dict
    term.plain_alternative = "nieuw besluit over uw hulp"
    term.full_clean()


def test_synonyms_are_a_comma_separated_list():
    term = GlossaryTerm(synonyms=" schuldhulp,  schuldregeling ,, Wgs")
    assert term.synonym_list == ["schuldhulp", "schuldregeling", "Wgs"]


def test_groups_follow_the_life_domains_order_with_general_terms_last():
    groups = glossary_by_domain()
    domains = [g.domain for g in groups]
    assert domains[-1] is None
    positions = [d.position for d in domains if d is not None]
    assert positions == sorted(positions)
    wonen = next(g for g in groups if g.domain and g.domain.code == "wonen")
    assert "huurachterstand" in [t.term for t in wonen.terms]
    assert "MDO" in [t.term for t in groups[-1].terms]


def test_search_needs_every_word_and_looks_in_synonyms_and_explanations():
    found = [t.term for g in glossary_by_domain(query="Zelfredzaamheid-Matrix") for t in g.terms]
    assert found == ["ZRM"]
    # "huur" occurs in many terms; together with "voorrang" only in urgentie.
    found = [t.term for g in glossary_by_domain(query="voorrang huurhuis") for t in g.terms]
    assert found == ["urgentie"]
    assert glossary_by_domain(query="xyzzy-geen-begrip") == []


# --- the page ---------------------------------------------------------------------------------


def test_a_resident_reads_the_plain_explanation_only(client):
    client.force_login(UserFactory())
    response = client.get(reverse("taxonomy:glossary"))
    assert response.status_code == 200
    html = response.content.decode()
    kostendelersnorm = GlossaryTerm.objects.get(term="kostendelersnorm")
    assert kostendelersnorm.explanation_resident in html
    assert kostendelersnorm.explanation_professional not in html
    assert kostendelersnorm.plain_alternative not in html  # advice for writers, not for readers
    assert reverse("taxonomy:plain_language_check") not in html
    assert html.count('data-testid="glossary-group"') == len(glossary_by_domain())


def test_a_professional_also_reads_the_explanation_for_other_domains(client):
    client.force_login(professional(Role.PARTNER))
    html = client.get(reverse("taxonomy:glossary")).content.decode()
    term = GlossaryTerm.objects.get(term="loonkostensubsidie")
    assert term.explanation_professional in html
    assert term.plain_alternative in html
    assert reverse("taxonomy:plain_language_check") in html


def test_the_page_searches_and_says_when_nothing_is_found(client):
    client.force_login(professional(Role.REGISSEUR))
    html = client.get(reverse("taxonomy:glossary"), {"q": "kostendelers"}).content.decode()
    assert html.count('data-testid="glossary-term"') == 1
    assert "kostendelersnorm" in html
    assert '1 woord gevonden voor "kostendelers".' in html
    html = client.get(reverse("taxonomy:glossary"), {"q": "xyzzy"}).content.decode()
    assert 'data-testid="glossary-empty"' in html


def test_the_glossary_page_does_not_query_per_term(client):
    client.force_login(professional(Role.REGISSEUR))
    client.get(reverse("taxonomy:glossary"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("taxonomy:glossary")).status_code == 200
        return len(captured)

    before = queries()
    for domain in LifeDomain.objects.all()[:5]:
        GlossaryTerm.objects.create(
            term=f"testwoord {domain.code}",
            life_domain=domain,
            explanation_resident="Uitleg.",
            explanation_professional="Uitleg.",
        )
    assert queries() == before
    # The layout's own queries (session, user, memberships) plus one for all terms and domains.
    assert before <= 12


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(reverse("taxonomy:glossary"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- the functional admin ------------------------------------------------------------------------


@pytest.fixture
def beheerder(client):
    user = professional(Role.BEHEER, is_staff=True)
    client.force_login(user)
    return user


def _form(existing: GlossaryTerm | None = None, **changes) -> dict:
    data = {
        "term": "herindicatie",
        "synonyms": "",
        "organisation_kind": "gemeente",
        "life_domain": str(LifeDomain.objects.get(code="zelfzorg").pk),
        "explanation_resident": "De gemeente kijkt opnieuw welke hulp u krijgt.",
        "explanation_professional": "Opnieuw vaststellen van een lopende indicatie.",
        "jargon": "on",
        "plain_alternative": "nieuw besluit over uw hulp",
    }
    if existing is not None:
        data.update(
            term=existing.term,
            synonyms=existing.synonyms,
            organisation_kind=existing.organisation_kind,
            life_domain=str(existing.life_domain_id or ""),
            explanation_resident=existing.explanation_resident,
            explanation_professional=existing.explanation_professional,
            plain_alternative=existing.plain_alternative,
        )
        if not existing.jargon:
            data.pop("jargon")
    data.update(changes)
    return data


def test_adding_a_term_in_the_admin_is_audited(client, beheerder):
    response = client.post(reverse("admin:taxonomy_glossaryterm_add"), _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    term = GlossaryTerm.objects.get(term="herindicatie")
    event = AuditEvent.objects.get(object_type="taxonomy.glossaryterm", object_id=str(term.pk))
    assert event.action == "admin.add"
    assert event.actor_id == beheerder.pk
    assert event.after["plain_alternative"] == "nieuw besluit over uw hulp"


def test_changing_a_term_records_before_and_after(client, beheerder):
    term = GlossaryTerm.objects.get(term="MDO")
    url = reverse("admin:taxonomy_glossaryterm_change", args=[term.pk])
    response = client.post(url, _form(term, plain_alternative="overleg met u aan tafel"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(object_type="taxonomy.glossaryterm", object_id=str(term.pk))
    assert event.action == "admin.change"
    assert event.before["plain_alternative"] == "overleg met u en uw hulpverleners samen"
    assert event.after["plain_alternative"] == "overleg met u aan tafel"


def test_the_admin_refuses_jargon_without_an_alternative(client, beheerder):
    response = client.post(reverse("admin:taxonomy_glossaryterm_add"), _form(plain_alternative=""))
    assert response.status_code == 200
    assert not GlossaryTerm.objects.filter(term="herindicatie").exists()
    assert not AuditEvent.objects.filter(object_type="taxonomy.glossaryterm").exists()


def test_deleting_a_term_is_audited(client, beheerder):
    term = GlossaryTerm.objects.get(term="sociale kaart")
    url = reverse("admin:taxonomy_glossaryterm_delete", args=[term.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not GlossaryTerm.objects.filter(pk=term.pk).exists()
    event = AuditEvent.objects.get(object_type="taxonomy.glossaryterm", object_id=str(term.pk))
    assert event.action == "admin.delete"
    assert event.before["term"] == "sociale kaart"


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.PRIVACY])
def test_only_the_beheer_role_edits_the_glossary(client, role):
    client.force_login(professional(role, is_staff=True))
    response = client.get(reverse("admin:taxonomy_glossaryterm_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_term_is_in_the_glossary_once_whatever_its_case(client, beheerder):
    response = client.post(reverse("admin:taxonomy_glossaryterm_add"), _form(term="mdo"))
    assert response.status_code == 200
    assert "Dit begrip staat al in de begrippenlijst." in response.content.decode()
    assert GlossaryTerm.objects.filter(term__iexact="mdo").count() == 1


def test_the_words_of_the_office_are_jargon_too():
    from eenplan.core.plainlanguage import check_text, glossary_jargon

    report = check_text(
        "Conform de Wmo-indicatie wordt het budgetbeheer gecontinueerd.",
        glossary=glossary_jargon(),
    )
    assert {j.term for j in report.jargon} == {
        "conform",
        "Wmo",
        "indicatie",
        "budgetbeheer",
        "continueren",
    }


def test_every_life_domain_speaks_to_the_resident_as_u():
    import re

    for domain in LifeDomain.objects.all():
        assert not re.search(r"\b(je|jij|jou|jezelf|jouw)\b", domain.description, re.I), domain
