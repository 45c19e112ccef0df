"""The plain-language check: known texts, the glossary's jargon, the page, and no text crashes it."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eenplan.core.plainlanguage import (
    GlossaryEntry,
    check_text,
    score_label,
    split_sentences,
)
from eenplan.organisations.models import Role
from eenplan.organisations.tests.factories import UserFactory, professional

BUREAUCRATIC = (
    "Op grond van artikel 22a van de Participatiewet wordt de hoogte van de algemene bijstand, "
    "met inachtneming van de kostendelersnorm en de daaruit voortvloeiende verlaging van de norm, "
    "door het college van burgemeester en wethouders vastgesteld."
)
PLAIN = (
    "U krijgt geld van de gemeente. Dat heet bijstand. U zoekt wel naar werk. "
    "Wij helpen u daarbij. Hebt u een vraag? Bel ons."
)
GLOSSARY = [
    GlossaryEntry(
        term="kostendelersnorm",
        plain_alternative="minder bijstand als u met andere volwassenen woont",
        explanation="Woont u met andere volwassenen in één huis? Dan krijgt u minder bijstand.",
        synonyms=("kostendelersregel",),
    ),
    GlossaryEntry(
        term="POH-GGZ",
        plain_alternative="praktijkondersteuner van de huisarts",
        explanation="Iemand bij de huisarts met wie u over zorgen praat.",
    ),
    GlossaryEntry(
        term="ggz",
        plain_alternative="hulp bij psychische problemen",
        explanation="Hulp bij angst of somberheid.",
        synonyms=("geestelijke gezondheidszorg",),
    ),
    GlossaryEntry(
        term="MDO",
        plain_alternative="overleg met u en uw hulpverleners",
        explanation="Iedereen die u helpt zit samen aan tafel.",
        synonyms=("multidisciplinair overleg",),
    ),
]


def test_a_long_bureaucratic_sentence_fails():
    report = check_text(BUREAUCRATIC, glossary=GLOSSARY)
    assert not report.b1_reached
    assert report.score is not None and report.score < 40
    assert report.sentence_count == 1
    assert [s.words for s in report.long_sentences] == [36]
    assert report.passive_sentences == (BUREAUCRATIC,)  # "wordt ... vastgesteld"
    assert "kostendelersnorm" in report.long_words


def test_a_short_b1_text_passes():
    report = check_text(PLAIN, glossary=GLOSSARY)
    assert report.b1_reached
    assert report.score is not None and report.score >= 80
    assert report.sentence_count == 6
    assert not report.long_sentences and not report.jargon and not report.has_hints


def test_jargon_is_found_as_whole_words_with_its_suggestion():
    report = check_text(
        "Door de Kostendelersnorm daalt uw uitkering. We praten erover in het mdo. "
        "Het MDO is op maandag. Een kostendelersnormberekening volgt.",
        glossary=GLOSSARY,
    )
    found = {j.term: j for j in report.jargon}
    assert set(found) == {"kostendelersnorm", "MDO"}
    assert found["kostendelersnorm"].found == "Kostendelersnorm"
    # "kostendelersnormberekening" is another word: only the whole word counts.
    assert found["kostendelersnorm"].count == 1
    assert found["MDO"].count == 2
    assert found["MDO"].plain_alternative == "overleg met u en uw hulpverleners"
    assert found["MDO"].explanation == "Iedereen die u helpt zit samen aan tafel."
    assert not report.b1_reached  # jargon alone keeps a text below B1


def test_synonyms_and_phrases_count_and_a_longer_term_wins():
    report = check_text(
        "Vraag de POH-GGZ. De geestelijke\ngezondheidszorg helpt ook. Dat is de kostendelersregel.",
        glossary=GLOSSARY,
    )
    found = {j.term: (j.found, j.count) for j in report.jargon}
    assert found == {
        "POH-GGZ": ("POH-GGZ", 1),
        "ggz": ("geestelijke\ngezondheidszorg", 1),
        "kostendelersnorm": ("kostendelersregel", 1),
    }


def test_the_parts_of_a_hyphenated_compound_are_found():
    report = check_text(
        "Bel de MDO-voorzitter over uw ggz-behandeling. Vraag ook de POH-GGZ.", glossary=GLOSSARY
    )
    found = {j.term: (j.found, j.count) for j in report.jargon}
    # "ggz" counts once: inside "POH-GGZ" the longer term has it.
    assert found == {"MDO": ("MDO", 1), "ggz": ("ggz", 1), "POH-GGZ": ("POH-GGZ", 1)}


def test_passive_and_er_wordt_are_hints_not_a_verdict():
    report = check_text(
        "Er wordt een brief gestuurd. De huur is betaald. Wij bellen u morgen.", glossary=[]
    )
    assert report.passive_sentences == ("Er wordt een brief gestuurd.",)
    assert report.has_hints
    assert report.b1_reached


def test_the_sentence_limit_is_configurable():
    text = "Wij komen volgende week dinsdag om tien uur bij u langs voor een kort gesprek."
    assert check_text(text, glossary=[]).long_sentences == ()
    assert [
        s.words for s in check_text(text, glossary=[], max_sentence_words=10).long_sentences
    ] == [15]


def test_sentences_end_at_lines_and_list_items_but_not_at_abbreviations():
    sentences = split_sentences(
        "Neem bijv. uw loonstrook mee, o.a. van mei.\n- uw paspoort\n- uw huurcontract\n\nTot dan!"
    )
    assert sentences == [
        "Neem bijv. uw loonstrook mee, o.a. van mei.",
        "- uw paspoort",
        "- uw huurcontract",
        "Tot dan!",
    ]


def test_an_empty_text_is_no_text_and_not_b1():
    for text in ("", "   ", "...", "!!! ???"):
        report = check_text(text, glossary=GLOSSARY)
        assert report.is_empty and report.score is None and not report.b1_reached
    with translation.override("en"):
        assert str(score_label(None)) == "no text"
        assert str(score_label(65.0)) == "normal"
        assert str(score_label(12.0)) == "very difficult"


@pytest.mark.django_db
def test_by_default_the_glossary_supplies_the_jargon():
    report = check_text("Uw regisseur nodigt u uit voor het keukentafelgesprek.")
    found = {j.term: j.plain_alternative for j in report.jargon}
    assert found == {
        "keukentafelgesprek": "gesprek over wat u nodig hebt",
        "regisseur": "uw vaste contactpersoon",
    }


@given(st.text(max_size=400))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_text_crashes_the_checker(text):
    report = check_text(text, glossary=GLOSSARY)
    assert report.score is None or 0 <= report.score <= 100
    assert report.word_count == sum(report.sentence_lengths)
    assert len(report.sentence_lengths) == report.sentence_count
    assert all(s.words > report.max_sentence_words for s in report.long_sentences)


@given(st.lists(st.sampled_from(["u", "de", "huur", "kostendelersnorm", "MDO", ".", "\n", ","])))
@settings(max_examples=100, deadline=None)
def test_jargon_counts_never_exceed_the_words_in_the_text(parts):
    text = " ".join(parts)
    report = check_text(text, glossary=GLOSSARY)
    for item in report.jargon:
        assert item.count == text.lower().split().count(item.term.lower())


# --- the template include and the page -----------------------------------------------------------


def test_the_include_renders_the_verdict_and_the_advice_in_dutch():
    with translation.override("nl"):
        html = render_to_string(
            "includes/plain_language.html", {"report": check_text(BUREAUCRATIC, glossary=GLOSSARY)}
        )
    assert 'data-b1="no"' in html
    assert "Nog niet eenvoudig genoeg voor taalniveau B1." in html
    assert 'data-testid="plain-language-long-sentences"' in html
    assert "minder bijstand als u met andere volwassenen woont" in html
    with translation.override("nl"):
        html = render_to_string(
            "includes/plain_language.html", {"report": check_text(PLAIN, glossary=GLOSSARY)}
        )
    assert 'data-b1="yes"' in html
    assert "taalniveau B1 gehaald" in html
    assert 'data-testid="plain-language-jargon"' not in html


@pytest.mark.django_db
def test_a_professional_pastes_a_text_and_sees_the_report(client):
    client.force_login(professional(Role.REGISSEUR))
    url = reverse("taxonomy:plain_language_check")
    response = client.get(url)
    assert response.status_code == 200
    assert 'data-testid="plain-language-report"' not in response.content.decode()
    response = client.post(url, {"text": "Het MDO is op maandag. " + BUREAUCRATIC})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-b1="no"' in html
    assert "overleg met u en uw hulpverleners samen" in html  # the seeded MDO alternative
    assert "36 woorden" in html


@pytest.mark.django_db
def test_the_page_says_what_is_missing(client):
    client.force_login(professional(Role.PARTNER))
    response = client.post(
        reverse("taxonomy:plain_language_check"), {"text": "", "max_sentence_words": "3"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'data-testid="plain-language-report"' not in html


@pytest.mark.django_db
def test_residents_do_not_get_the_check_page(client):
    client.force_login(UserFactory())
    assert client.get(reverse("taxonomy:plain_language_check")).status_code == 404


@pytest.mark.django_db
def test_a_template_shows_the_advice_under_a_text_for_a_resident():
    from django.template import Context, Template

    template = Template("{% load plainlanguage %}{% plain_language_advice summary %}")
    with translation.override("nl"):
        html = template.render(Context({"summary": "We bespreken uw plan in het MDO."}))
    assert 'data-testid="plain-language-jargon"' in html
    assert "overleg met u en uw hulpverleners samen" in html
    with translation.override("nl"):
        html = template.render(Context({"summary": None}))
    assert "Er is nog geen tekst om te controleren." in html


def test_the_score_is_textstats_dutch_flesch_where_both_count_the_same_sentences():
    from textstat.textstat import textstatistics

    dutch = textstatistics()
    dutch.set_lang("nl")
    text = "De woonconsulent belt u deze week op. Samen maken we een betaalregeling voor de huur."
    expected = round(min(100.0, max(0.0, dutch.flesch_reading_ease(text))), 1)
    assert check_text(text, glossary=[]).score == pytest.approx(expected, abs=0.1)


def test_short_sentences_and_abbreviations_count_as_sentences_in_the_score():
    # textstat alone would skip "Bel ons." and end a sentence after "bijv.".
    text = "Neem bijv. uw loonstrook mee naar het gesprek. Bel ons."
    report = check_text(text, glossary=[])
    assert report.sentence_count == 2
    assert report.average_sentence_words == 5.0
