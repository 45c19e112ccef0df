"""Plain words for residents (B1, "u") for the standard instruments and their items.

Residents see their own scores in the portal, and fill in Positieve Gezondheid and their own part
of "Wat is belangrijk". The professionals' names ("Basale ADL", "Trede") mean nothing to them.
Only empty fields are filled: words the functional admin already wrote are kept.
"""

from django.db import migrations

# instrument code: (name for residents, description for residents)
INSTRUMENTS = {
    "zrm": (
        "Hoe goed u zich redt",
        "Uw hulpverlener kijkt samen met u hoe het gaat op dertien onderwerpen. "
        "Elk onderwerp krijgt een cijfer van 1 tot 5. Bij 1 is er nu hulp nodig. "
        "Bij 5 lukt het helemaal zelf.",
    ),
    "participatieladder": (
        "Hoe u meedoet",
        "Uw hulpverlener kijkt samen met u hoeveel u meedoet. Van 1 tot 6. Bij 1 hebt u "
        "bijna geen contact met anderen. Bij 6 hebt u betaald werk.",
    ),
    "positieve-gezondheid": (
        "Hoe gezond u zich voelt",
        "Zes vragen over hoe het met u gaat. U geeft zelf elk onderwerp een cijfer van 0 tot 10.",
    ),
    "wat-is-belangrijk": (
        "Wat is belangrijk",
        "Hoe tevreden bent u over elk deel van uw leven? Geef elk onderwerp een cijfer van 1 "
        "tot 10. Aan het eind geeft u een cijfer voor uw leven als geheel.",
    ),
}

# (instrument code, item code): (name for residents, description for residents)
ITEMS = {
    ("zrm", "financien"): ("Geld en rekeningen", ""),
    ("zrm", "werk-opleiding"): ("Werk en school", ""),
    ("zrm", "tijdsbesteding"): ("Wat u overdag doet", ""),
    ("zrm", "huisvesting"): ("Uw huis", ""),
    ("zrm", "huiselijke-relaties"): ("Thuis: partner en gezin", ""),
    ("zrm", "geestelijke-gezondheid"): ("Hoe u zich voelt", ""),
    ("zrm", "lichamelijke-gezondheid"): ("Uw lichaam", ""),
    ("zrm", "middelengebruik"): ("Alcohol, drugs en medicijnen", ""),
    ("zrm", "basale-adl"): ("Uzelf verzorgen", ""),
    ("zrm", "instrumentele-adl"): ("Huishouden, boodschappen en post", ""),
    ("zrm", "sociaal-netwerk"): ("Mensen om u heen", ""),
    ("zrm", "maatschappelijke-participatie"): ("Meedoen in de buurt", ""),
    ("zrm", "justitie"): ("Politie en rechter", ""),
    ("participatieladder", "trede"): ("Hoeveel u meedoet", ""),
    ("positieve-gezondheid", "lichaamsfuncties"): (
        "Uw lichaam",
        "Hoe uw lichaam werkt: slapen, eten, bewegen, pijn.",
    ),
    ("positieve-gezondheid", "mentaal-welbevinden"): (
        "Hoe u zich voelt",
        "Bent u blij of rustig? Of hebt u zorgen en stress?",
    ),
    ("positieve-gezondheid", "zingeving"): (
        "Wat uw leven zin geeft",
        "Wat uw leven waardevol maakt. Waar u voor leeft.",
    ),
    ("positieve-gezondheid", "kwaliteit-van-leven"): (
        "Hoe goed uw leven is",
        "Hoe goed uw leven nu is.",
    ),
    ("positieve-gezondheid", "meedoen"): (
        "Meedoen",
        "Contact met anderen. Ergens bij horen.",
    ),
    ("positieve-gezondheid", "dagelijks-functioneren"): (
        "De dingen van elke dag",
        "Uzelf verzorgen, het huishouden, werk.",
    ),
    ("wat-is-belangrijk", "wonen"): (
        "Wonen",
        "Een veilig en betaalbaar huis. En daar kunnen blijven wonen.",
    ),
    ("wat-is-belangrijk", "werk-inkomen"): (
        "Werk en inkomen",
        "Werk, school of een uitkering. Genoeg geld om van te leven.",
    ),
    ("wat-is-belangrijk", "financien"): (
        "Geld en schulden",
        "Rekeningen betalen, schulden, overzicht over uw geld.",
    ),
    ("wat-is-belangrijk", "lichamelijke-gezondheid"): (
        "Uw lichaam",
        "Hoe het met uw lichaam gaat.",
    ),
    ("wat-is-belangrijk", "psychische-gezondheid"): (
        "Hoe u zich voelt",
        "Hoe u zich voelt. Stress en zorgen.",
    ),
    ("wat-is-belangrijk", "middelengebruik"): (
        "Alcohol en drugs",
        "Alcohol, drugs of medicijnen gebruiken.",
    ),
    ("wat-is-belangrijk", "sociaal-netwerk"): (
        "Mensen om u heen",
        "Familie, vrienden, buren: mensen die u kunnen helpen.",
    ),
    ("wat-is-belangrijk", "dagbesteding"): (
        "Wat u overdag doet",
        "Iets te doen hebben overdag: werk, vrijwilligerswerk, activiteiten.",
    ),
    ("wat-is-belangrijk", "veiligheid-justitie"): (
        "Veiligheid, politie en rechter",
        "Veilig zijn thuis en buiten. Contact met politie of rechter.",
    ),
    ("wat-is-belangrijk", "gezin-kinderen"): (
        "Gezin en kinderen",
        "Opvoeden, opgroeien, zorgen voor kinderen.",
    ),
    ("wat-is-belangrijk", "zelfzorg"): (
        "Uzelf verzorgen en het huishouden",
        "Voor uzelf zorgen en het huishouden doen.",
    ),
    ("wat-is-belangrijk", "leven"): (
        "Uw leven als geheel",
        "Welk cijfer geeft u uw leven nu?",
    ),
}


def seed(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentItem = apps.get_model("assessments", "InstrumentItem")
    for code, (name, description) in INSTRUMENTS.items():
        instrument = Instrument.objects.filter(code=code).first()
        if instrument is None:
            continue
        instrument.resident_name = instrument.resident_name or name
        instrument.resident_description = instrument.resident_description or description
        instrument.save(update_fields=["resident_name", "resident_description"])
    for (instrument_code, code), (name, description) in ITEMS.items():
        item = InstrumentItem.objects.filter(instrument__code=instrument_code, code=code).first()
        if item is None:
            continue
        item.resident_name = item.resident_name or name
        item.resident_description = item.resident_description or description
        item.save(update_fields=["resident_name", "resident_description"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_resident_words")]

    # Backwards there is nothing to undo: 0003's fields go away with their words.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
