"""The standard instruments, as data. Every text here is eenplan's own wording."""

from django.db import migrations

# (code, name, life domain, anchors for 1..5 on this domain)
ZRM_DOMAINS = [
    ("financien", "Financiën", "financien", (
        "Grote schulden die groeien, geen inkomen of geen overzicht.",
        "Schulden of rekeningen die blijven liggen; nog geen hulp.",
        "Schulden met een regeling of hulp; het is krap.",
        "Genoeg geld voor vaste lasten; rekeningen worden betaald.",
        "Geld op orde, kan wat opzij zetten.",
    )),
    ("werk-opleiding", "Werk en opleiding", "werk-inkomen", (
        "Geen werk, geen opleiding en geen uitkering.",
        "Geen werk of opleiding; wel een uitkering of hulp bij zoeken.",
        "Werk of opleiding zonder zekerheid, of met veel steun.",
        "Werk of opleiding die past, soms steun nodig.",
        "Vast werk of een opleiding die goed gaat.",
    )),
    ("tijdsbesteding", "Tijdsbesteding", "dagbesteding", (
        "De dagen hebben geen invulling; geen ritme.",
        "Weinig te doen; het ritme gaat vaak mis.",
        "Enige invulling van de dag, met hulp.",
        "Een vaste invulling van de dag, meestal zelf geregeld.",
        "Een zinvolle dag met een goed ritme, zelf geregeld.",
    )),
    ("huisvesting", "Huisvesting", "wonen", (
        "Dakloos of moet het huis nu uit.",
        "Tijdelijk onderdak of dreigende uitzetting.",
        "Een woning, maar onzeker of ongeschikt.",
        "Een passende woning met een vast contract.",
        "Een passende, veilige woning, goed onderhouden.",
    )),
    ("huiselijke-relaties", "Huiselijke relaties", "gezin-kinderen", (
        "Geweld of ernstige ruzie thuis.",
        "Veel spanning thuis; de zorg voor kinderen lukt niet goed.",
        "Soms spanning thuis; er is hulp bij.",
        "Relaties thuis gaan meestal goed.",
        "Relaties thuis zijn steunend en veilig.",
    )),
    ("geestelijke-gezondheid", "Geestelijke gezondheid", "psychische-gezondheid", (
        "Acuut gevaar voor zichzelf of anderen, of een crisis.",
        "Ernstige psychische klachten zonder passende hulp.",
        "Psychische klachten; krijgt hulp of redt het nog net.",
        "Af en toe klachten; weet wat te doen.",
        "Voelt zich psychisch goed.",
    )),
    ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "lichamelijke-gezondheid", (
        "Acute lichamelijke nood zonder zorg.",
        "Ernstige klachten zonder passende zorg.",
        "Klachten; krijgt zorg, maar het gaat nog niet goed.",
        "Klachten onder controle, of kleine klachten.",
        "Lichamelijk gezond.",
    )),
    ("middelengebruik", "Middelengebruik", "middelengebruik", (
        "Gebruik dat nu gevaarlijk is voor gezondheid of veiligheid.",
        "Gebruik met grote gevolgen voor werk, geld of gezin.",
        "Gebruik met gevolgen; werkt eraan, met hulp.",
        "Gebruik zonder grote gevolgen, of gestopt met hulp.",
        "Geen gebruik, of gebruik zonder problemen.",
    )),
    ("basale-adl", "Basale ADL", "zelfzorg", (
        "Kan zichzelf niet verzorgen en krijgt geen hulp.",
        "Verzorgt zichzelf slecht; hulp schiet tekort.",
        "Kan zichzelf verzorgen met vaste hulp.",
        "Verzorgt zichzelf, soms met een beetje hulp.",
        "Verzorgt zichzelf helemaal zelf.",
    )),
    ("instrumentele-adl", "Instrumentele ADL", "zelfzorg", (
        "Huishouden, boodschappen en post lopen helemaal vast.",
        "Veel blijft liggen; hulp schiet tekort.",
        "Het huishouden lukt met vaste hulp.",
        "Het huishouden lukt, soms met een beetje hulp.",
        "Regelt het huishouden helemaal zelf.",
    )),
    ("sociaal-netwerk", "Sociaal netwerk", "sociaal-netwerk", (
        "Geen contacten, of alleen contacten die schaden.",
        "Weinig contacten; niemand om op terug te vallen.",
        "Enkele contacten; steun is er soms.",
        "Genoeg contacten die helpen als het nodig is.",
        "Een sterk netwerk dat steunt en dat hij of zij ook steunt.",
    )),
    ("maatschappelijke-participatie", "Maatschappelijke participatie", "dagbesteding", (
        "Doet nergens aan mee; ernstig geïsoleerd.",
        "Doet weinig mee; contact met de buurt is moeilijk.",
        "Doet mee met steun, bijvoorbeeld een activiteit in de buurt.",
        "Doet uit zichzelf mee aan activiteiten.",
        "Doet actief mee en zet zich in voor anderen.",
    )),
    ("justitie", "Justitie", "veiligheid-justitie", (
        "Nu in aanraking met politie of justitie, met grote gevolgen.",
        "Een lopende zaak of straf zonder begeleiding.",
        "Een lopende zaak of straf, met begeleiding.",
        "Eerder in aanraking geweest, nu niet meer.",
        "Geen contact met politie of justitie.",
    )),
]

ZRM_GENERAL = [
    (1, "Acute problemen", "Er is nu direct hulp nodig."),
    (2, "Niet zelfredzaam", "Het lukt niet zelf; de hulp die er is, is niet genoeg."),
    (3, "Beperkt zelfredzaam", "Het lukt met hulp of met moeite."),
    (4, "Voldoende zelfredzaam", "Het lukt meestal zelf."),
    (5, "Volledig zelfredzaam", "Het lukt helemaal zelf."),
]

LADDER_RUNGS = [
    (1, "Geïsoleerd", "Bijna geen contact met anderen buiten het huis."),
    (2, "Sociale contacten buiten de deur", "Heeft contact met mensen buiten het huis."),
    (3, "Deelname aan georganiseerde activiteiten", "Doet mee aan een club, cursus of dagbesteding."),
    (4, "Onbetaald werk", "Doet vrijwilligerswerk of een werkervaringsplek."),
    (5, "Betaald werk met ondersteuning", "Werkt betaald, met steun zoals een jobcoach."),
    (6, "Betaald werk", "Werkt betaald, zonder extra steun."),
]

HEALTH_DIMENSIONS = [
    ("lichaamsfuncties", "Lichaamsfuncties", "lichamelijke-gezondheid",
     "Hoe het lichaam werkt: slapen, eten, bewegen, pijn."),
    ("mentaal-welbevinden", "Mentaal welbevinden", "psychische-gezondheid",
     "Hoe u zich voelt: blij, rustig, zorgen, stress."),
    ("zingeving", "Zingeving", None, "Wat uw leven waardevol maakt, waar u voor leeft."),
    ("kwaliteit-van-leven", "Kwaliteit van leven", None, "Hoe goed uw leven nu is."),
    ("meedoen", "Meedoen", "sociaal-netwerk", "Contact met anderen, ergens bij horen."),
    ("dagelijks-functioneren", "Dagelijks functioneren", "zelfzorg",
     "De dingen van elke dag doen: uzelf verzorgen, het huishouden, werk."),
]

HEALTH_ANCHORS = [
    (0, "Heel slecht", "Het gaat helemaal niet goed."),
    (5, "Gaat wel", "Soms goed, soms niet."),
    (10, "Heel goed", "Het kan bijna niet beter."),
]

WHAT_MATTERS_ANCHORS = [
    (1, "Heel ontevreden", "Het gaat helemaal niet goed."),
    (5, "Twijfel", "Het gaat niet goed en niet slecht."),
    (10, "Heel tevreden", "Het gaat precies zoals het zou moeten."),
]


def seed(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentItem = apps.get_model("assessments", "InstrumentItem")
    ScaleAnchor = apps.get_model("assessments", "ScaleAnchor")
    LifeDomain = apps.get_model("taxonomy", "LifeDomain")
    domains = {d.code: d for d in LifeDomain.objects.all()}

    zrm = Instrument.objects.create(
        code="zrm",
        name="Zelfredzaamheid-Matrix",
        description=(
            "Hoe goed iemand zich redt op dertien domeinen, van 1 (acute problemen) tot 5 "
            "(volledig zelfredzaam). De professional scoort, samen met de inwoner."
        ),
        scored_by="professional",
        scale_min=1,
        scale_max=5,
        position=1,
    )
    for score, label, description in ZRM_GENERAL:
        ScaleAnchor.objects.create(
            instrument=zrm, score=score, label=label, description=description
        )
    for position, (code, name, domain, anchors) in enumerate(ZRM_DOMAINS, start=1):
        item = InstrumentItem.objects.create(
            instrument=zrm, code=code, name=name, domain=domains.get(domain), position=position
        )
        for score, description in enumerate(anchors, start=1):
            ScaleAnchor.objects.create(
                instrument=zrm,
                item=item,
                score=score,
                label=ZRM_GENERAL[score - 1][1],
                description=description,
            )

    ladder = Instrument.objects.create(
        code="participatieladder",
        name="Participatieladder",
        description="Hoe ver iemand meedoet in de samenleving: zes treden, van geïsoleerd tot "
        "betaald werk. Eén score: de trede waar iemand nu staat.",
        scored_by="professional",
        scale_min=1,
        scale_max=6,
        position=2,
    )
    rung = InstrumentItem.objects.create(
        instrument=ladder,
        code="trede",
        name="Trede",
        domain=domains.get("werk-inkomen"),
        position=1,
    )
    for score, label, description in LADDER_RUNGS:
        ScaleAnchor.objects.create(
            instrument=ladder, item=rung, score=score, label=label, description=description
        )

    health = Instrument.objects.create(
        code="positieve-gezondheid",
        name="Positieve Gezondheid",
        description="Zes kanten van gezondheid. De inwoner geeft zelf elk een cijfer van 0 tot 10.",
        scored_by="inwoner",
        scale_min=0,
        scale_max=10,
        position=3,
    )
    for score, label, description in HEALTH_ANCHORS:
        ScaleAnchor.objects.create(
            instrument=health, score=score, label=label, description=description
        )
    for position, (code, name, domain, description) in enumerate(HEALTH_DIMENSIONS, start=1):
        InstrumentItem.objects.create(
            instrument=health,
            code=code,
            name=name,
            description=description,
            domain=domains.get(domain) if domain else None,
            position=position,
        )

    matters = Instrument.objects.create(
        code="wat-is-belangrijk",
        name="Wat is belangrijk",
        description=(
            "Per leefgebied: hoe tevreden is de inwoner, en hoe ziet de professional het? Twee "
            "losse cijfers van 1 tot 10, zodat verschillen zichtbaar worden. Daarna een cijfer "
            "voor het leven als geheel."
        ),
        scored_by="beide",
        scale_min=1,
        scale_max=10,
        position=4,
    )
    for score, label, description in WHAT_MATTERS_ANCHORS:
        ScaleAnchor.objects.create(
            instrument=matters, score=score, label=label, description=description
        )
    position = 0
    for position, domain in enumerate(LifeDomain.objects.order_by("position", "code"), start=1):
        InstrumentItem.objects.create(
            instrument=matters,
            code=domain.code,
            name=domain.name,
            description=domain.description,
            domain=domain,
            position=position,
        )
    InstrumentItem.objects.create(
        instrument=matters,
        code="leven",
        name="Het leven als geheel",
        description="Welk cijfer geeft de inwoner zijn of haar leven nu?",
        resident_only=True,
        position=position + 1,
    )


def unseed(apps, schema_editor):
    apps.get_model("assessments", "Instrument").objects.filter(
        code__in=["zrm", "participatieladder", "positieve-gezondheid", "wat-is-belangrijk"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("taxonomy", "0002_life_domains"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
