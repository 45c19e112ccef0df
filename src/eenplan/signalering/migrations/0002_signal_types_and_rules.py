"""The shared list of signal types, the cross-domain rules and the retention period, as data.

First-contact deadlines for payment arrears follow the Wet gemeentelijke schuldhulpverlening
practice: within 4 weeks of receipt, within 3 working days when eviction or cut-off is announced.
The functional admin can change every value.
"""

from django.db import migrations

# code, name, category, asks arrears, life domains, explanation
SIGNAL_TYPES = [
    ("huurachterstand", "Huurachterstand", "betalingsachterstand", True,
     ["wonen", "financien"], "De huur is een of meer maanden niet betaald."),
    ("energieachterstand", "Energieachterstand", "betalingsachterstand", True,
     ["financien", "wonen"], "De rekening voor gas of stroom is niet betaald."),
    ("waterachterstand", "Drinkwaterachterstand", "betalingsachterstand", True,
     ["financien", "wonen"], "De rekening voor drinkwater is niet betaald."),
    ("zorgverzekeringsachterstand", "Achterstand zorgverzekering", "betalingsachterstand", True,
     ["financien", "lichamelijke-gezondheid"], "De premie van de zorgverzekering is niet betaald."),
    ("overlast", "Overlast", "overlast", False,
     ["wonen", "veiligheid-justitie", "sociaal-netwerk"], "Buren of omgeving hebben last van dit huishouden."),
    ("vervuiling", "Vervuiling of verwaarlozing", "welzijn", False,
     ["wonen", "zelfzorg"], "De woning of de persoon lijkt vervuild of verwaarloosd."),
    ("zorgen-welzijn", "Zorgen om welzijn", "welzijn", False,
     ["psychische-gezondheid", "lichamelijke-gezondheid"], "Het lijkt niet goed te gaan met iemand."),
    ("eenzaamheid", "Eenzaamheid", "welzijn", False,
     ["sociaal-netwerk", "dagbesteding"], "Iemand lijkt weinig of geen mensen om zich heen te hebben."),
    ("deur-niet-open", "Doet de deur niet open", "welzijn", False,
     ["zelfzorg", "sociaal-netwerk"], "Iemand doet niet open voor hulpverleners of de verhuurder."),
    ("zorgen-kinderen", "Zorgen om kinderen", "welzijn", False,
     ["gezin-kinderen"], "Het lijkt niet goed te gaan met de kinderen in het huishouden."),
    ("schoolverzuim", "Schoolverzuim", "overig", False,
     ["gezin-kinderen", "dagbesteding"], "Een kind komt vaak niet op school."),
    ("verward-gedrag", "Verward gedrag", "welzijn", False,
     ["psychische-gezondheid", "veiligheid-justitie"], "Iemand gedraagt zich verward en lijkt hulp nodig te hebben."),
    ("anders", "Anders", "overig", False,
     [], "Iets anders dat u zorgen baart. Beschrijf het kort."),
]

# Kinds of organisation whose open involvement counts as youth care or Wmo support.
CARE_KINDS = ["jeugdhulp", "zorgaanbieder"]


def seed(apps, schema_editor):
    SignalType = apps.get_model("signalering", "SignalType")
    LifeDomain = apps.get_model("taxonomy", "LifeDomain")
    AlertRule = apps.get_model("signalering", "AlertRule")
    RetentionSetting = apps.get_model("signalering", "RetentionSetting")
    for position, (code, name, category, arrears, domains, description) in enumerate(
        SIGNAL_TYPES, start=1
    ):
        signal_type, _ = SignalType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "asks_arrears": arrears,
                "description": description,
                "position": position,
                "first_contact_days": 28,
                "urgent_first_contact_working_days": 3,
            },
        )
        signal_type.domains.set(LifeDomain.objects.filter(code__in=domains))
    AlertRule.objects.get_or_create(code="achterstand_bij_zorg", defaults={"care_kinds": CARE_KINDS})
    AlertRule.objects.get_or_create(code="overgang_18", defaults={"months_ahead": 3})
    AlertRule.objects.get_or_create(
        code="meerdere_bronnen", defaults={"window_days": 90, "min_sources": 2}
    )
    RetentionSetting.objects.get_or_create(pk=1, defaults={"active_days": 730})


class Migration(migrations.Migration):
    dependencies = [("signalering", "0001_initial"), ("taxonomy", "0002_life_domains")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
