"""The life domains every organisation's terms map to (DOMAIN: all life domains, asked early)."""

from django.db import migrations

LIFE_DOMAINS = [
    ("wonen", "Wonen", "Een veilig en betaalbaar huis, en kunnen blijven wonen."),
    ("werk-inkomen", "Werk en inkomen", "Werk, opleiding, uitkering: genoeg geld om van te leven."),
    ("financien", "Geldzaken en schulden", "Rekeningen betalen, schulden, overzicht over geld."),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "Hoe het met het lichaam gaat."),
    ("psychische-gezondheid", "Psychische gezondheid", "Hoe iemand zich voelt, stress, zorgen."),
    ("middelengebruik", "Alcohol en drugs", "Gebruik van alcohol, drugs of medicijnen."),
    ("sociaal-netwerk", "Sociaal netwerk", "Familie, vrienden, buren: mensen om op terug te vallen."),
    ("dagbesteding", "Daginvulling", "Iets te doen hebben overdag: werk, vrijwilligerswerk, activiteiten."),
    ("veiligheid-justitie", "Veiligheid en justitie", "Veilig zijn thuis en buiten, contact met politie of rechter."),
    ("gezin-kinderen", "Gezin en kinderen", "Opvoeden, opgroeien, zorg voor kinderen."),
    ("zelfzorg", "Zelfzorg en huishouden", "Voor jezelf zorgen, het huishouden doen."),
]


def seed(apps, schema_editor):
    LifeDomain = apps.get_model("taxonomy", "LifeDomain")
    for position, (code, name, description) in enumerate(LIFE_DOMAINS, start=1):
        LifeDomain.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
