"""More words to avoid in texts for residents, and the life domains described with "u".

The first glossary held the words of the organisations. A summary for a resident also goes wrong
on the words of the office itself ("conform", "gecontinueerd", "middels") and on compounds such as
"Wmo-indicatie" (which the check now reads as two words). One life domain described itself with
"je" where every other text says "u".
"""

from django.db import migrations

# (term, organisation kind, life domain code, for residents, for professionals, synonyms,
#  jargon, plain alternative)
TERMS = [
    (
        "budgetbeheer",
        "gemeente",
        "financien",
        "Bij budgetbeheer betaalt iemand anders uw vaste lasten voor u. Denk aan de huur en de "
        "energie. Zo blijven uw rekeningen betaald.",
        "Vrijwillige dienst van gemeente of kredietbank: het inkomen komt op een beheerrekening "
        "en de vaste lasten worden doorbetaald. Lichter dan beschermingsbewind; geen rechter nodig.",
        "budgetbegeleiding",
        True,
        "hulp bij het betalen van uw vaste lasten",
    ),
    (
        "conform",
        "",
        "",
        "Conform is een moeilijk woord voor: volgens. Zoals in: volgens de afspraak.",
        "Ambtelijk woord. In een tekst voor een inwoner: 'volgens' of 'zoals afgesproken'.",
        "",
        True,
        "volgens",
    ),
    (
        "continueren",
        "",
        "",
        "Continueren is een moeilijk woord voor: doorgaan. De hulp gaat dus door.",
        "Ambtelijk woord. Schrijf wat er doorgaat, en tot wanneer.",
        "gecontinueerd, continuering",
        True,
        "doorgaan met",
    ),
    (
        "middels",
        "",
        "",
        "Middels is een moeilijk woord voor: met. Zoals in: met een brief.",
        "Ambtelijk woord. Schrijf 'met' of 'door'.",
        "",
        True,
        "met",
    ),
    (
        "inzake",
        "",
        "",
        "Inzake is een moeilijk woord voor: over. Zoals in: een brief over uw huur.",
        "Ambtelijk woord. Schrijf 'over'.",
        "",
        True,
        "over",
    ),
    (
        "ten behoeve van",
        "",
        "",
        "Ten behoeve van is een moeilijk woord voor: voor. Zoals in: geld voor de huur.",
        "Ambtelijke woorden. Schrijf 'voor'.",
        "t.b.v.",
        True,
        "voor",
    ),
]

PLAIN_DESCRIPTIONS = {
    "zelfzorg": ("Voor uzelf zorgen, het huishouden doen.", "Voor jezelf zorgen, het huishouden doen."),
}


def seed(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    LifeDomain = apps.get_model("taxonomy", "LifeDomain")
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    for term, kind, domain, resident, professional, synonyms, jargon, alternative in TERMS:
        if GlossaryTerm.objects.filter(term__iexact=term).exists():
            continue  # the functional admin added it already: theirs stands
        GlossaryTerm.objects.create(
            term=term,
            organisation_kind=kind,
            life_domain=domains.get(domain) if domain else None,
            explanation_resident=resident,
            explanation_professional=professional,
            synonyms=synonyms,
            jargon=jargon,
            plain_alternative=alternative,
        )
    for code, (new, old) in PLAIN_DESCRIPTIONS.items():
        LifeDomain.objects.filter(code=code, description=old).update(description=new)


def unseed(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    LifeDomain = apps.get_model("taxonomy", "LifeDomain")
    GlossaryTerm.objects.filter(term__in=[row[0] for row in TERMS]).delete()
    for code, (new, old) in PLAIN_DESCRIPTIONS.items():
        LifeDomain.objects.filter(code=code, description=new).update(description=old)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0004_glossary_terms")]

    operations = [migrations.RunPython(seed, unseed)]
