"""The first glossary: words of the Dutch social domain, each explained twice.

Once in plain Dutch (B1) for residents, once for professionals of the other domains. A term marked
as jargon gets a plain alternative that the plain-language check suggests in texts for residents.
The functional admin edits and extends the list afterwards.
"""

from django.db import migrations

# (term, organisation kind, life domain code, for residents, for professionals, synonyms,
#  jargon, plain alternative)
TERMS = [
    (
        "Wmo",
        "gemeente",
        "zelfzorg",
        "De Wmo is een wet. Door deze wet kan de gemeente u helpen als u thuis niet alles zelf "
        "kunt. Bijvoorbeeld met hulp in het huishouden of een aanpassing in uw huis.",
        "Wet maatschappelijke ondersteuning 2015. De gemeente ondersteunt zelfredzaamheid en "
        "meedoen, en regelt beschermd wonen en opvang. Toegang via een melding en een onderzoek "
        "(vaak het keukentafelgesprek); daarna zo nodig een maatwerkvoorziening.",
        "Wet maatschappelijke ondersteuning",
        True,
        "hulp van de gemeente om thuis te kunnen blijven wonen",
    ),
    (
        "Participatiewet",
        "gemeente",
        "werk-inkomen",
        "De Participatiewet is een wet over geld en werk. Hebt u te weinig geld om van te leven? "
        "Dan kunt u bijstand krijgen. De gemeente helpt u ook om werk te vinden.",
        "Regelt de bijstand en de ondersteuning naar werk voor wie geen andere uitkering heeft, "
        "ook voor mensen met een arbeidsbeperking (beschut werk, loonkostensubsidie). Uitgevoerd "
        "door Werk en Inkomen of het participatiebedrijf van de gemeente.",
        "",
        True,
        "de wet over bijstand en hulp bij werk",
    ),
    (
        "kostendelersnorm",
        "gemeente",
        "werk-inkomen",
        "Woont u met andere volwassenen in één huis? Dan delen jullie de kosten, zoals de huur. "
        "Daarom krijgt u dan minder bijstand.",
        "Regel in de Participatiewet: de bijstandsnorm daalt naarmate meer mensen van 21 jaar of "
        "ouder in dezelfde woning wonen. Sommige huisgenoten tellen niet mee, zoals studenten. "
        "Kan een volwassen kind of mantelzorg in huis ontmoedigen: een bekende reden voor "
        "maatwerk.",
        "kostendelersregel",
        True,
        "minder bijstand als u met andere volwassenen in één huis woont",
    ),
    (
        "beschermingsbewind",
        "",
        "financien",
        "Bij beschermingsbewind regelt iemand anders uw geld. Die persoon heet bewindvoerder. "
        "De rechter beslist of dit nodig is. U krijgt leefgeld om van te leven.",
        "Maatregel van de kantonrechter: een bewindvoerder beheert inkomen en vermogen van iemand "
        "die dat (tijdelijk) niet zelf kan, bijvoorbeeld door schulden of een beperking. "
        "Afspraken over geld lopen via de bewindvoerder.",
        "bewind, bewindvoering",
        True,
        "iemand die uw geld voor u regelt",
    ),
    (
        "bewindvoerder",
        "",
        "financien",
        "Een bewindvoerder regelt uw geld als u dat zelf even niet kunt. Hij of zij betaalt uw "
        "vaste lasten en geeft u leefgeld.",
        "Door de kantonrechter benoemd om het vermogen van een inwoner te beheren. Betrek de "
        "bewindvoerder bij elke afspraak die geld kost of oplevert.",
        "",
        False,
        "",
    ),
    (
        "schuldhulpverlening",
        "schuldhulpverlening",
        "financien",
        "Hebt u schulden die u niet zelf kunt betalen? Dan kan de gemeente u helpen. Samen maakt "
        "u een plan. Soms maakt de gemeente afspraken met de mensen aan wie u geld moet betalen.",
        "Gemeentelijke taak onder de Wet gemeentelijke schuldhulpverlening (Wgs): rust brengen, "
        "budgetbeheer, een schuldregeling of doorverwijzing naar de Wsnp. De gemeente ontvangt "
        "signalen over betaalachterstanden en moet daarop hulp aanbieden.",
        "schuldhulp, schuldregeling, Wgs",
        True,
        "hulp bij schulden",
    ),
    (
        "vroegsignalering",
        "gemeente",
        "financien",
        "Betaalt u uw huur of energie niet op tijd? Dan mag het bedrijf dat aan de gemeente "
        "melden. De gemeente neemt dan contact met u op. Zo krijgt u snel hulp.",
        "Vroeg zien dat het mis dreigt te gaan, vooral bij betaalachterstanden. Vaste-lastenpartners "
        "(huur, energie, water, zorgverzekeraar) melden een achterstand; de gemeente biedt binnen "
        "korte tijd hulp aan, vaak met een bezoek aan huis.",
        "vroegsignaal",
        True,
        "op tijd hulp aanbieden als rekeningen blijven liggen",
    ),
    (
        "indicatie",
        "",
        None,
        "Een indicatie is een besluit. Daarin staat welke hulp u krijgt en hoe lang.",
        "Vastgesteld recht op een voorziening of zorg (Wmo, Jeugdwet, of de Wlz via het CIZ). "
        "Bepaalt soort, omvang en duur. Zonder indicatie kan een aanbieder de zorg niet "
        "declareren.",
        "beschikking",
        True,
        "besluit over de hulp die u krijgt",
    ),
    (
        "maatwerkvoorziening",
        "gemeente",
        "zelfzorg",
        "Soms is de hulp in de buurt niet genoeg. Dan kan de gemeente hulp regelen die bij u "
        "past. Bijvoorbeeld hulp in het huishouden of een scootmobiel.",
        "Individuele voorziening onder de Wmo, na onderzoek, als algemene voorzieningen en eigen "
        "kracht niet volstaan. Wordt toegekend met een beschikking.",
        "individuele voorziening",
        True,
        "hulp die de gemeente speciaal voor u regelt",
    ),
    (
        "maatwerk",
        "gemeente",
        None,
        "Soms past een regel niet bij uw situatie. Dan zoekt de gemeente samen met anderen een "
        "oplossing die wel past.",
        "Afwijken van een standaardregel of -product als die in een situatie niet past. In eenplan "
        "gaat een ingewikkelde casus zonder naam naar de maatwerktafel. Die beslist en legt vast "
        "waarom.",
        "",
        True,
        "een oplossing die past bij uw situatie",
    ),
    (
        "maatwerktafel",
        "gemeente",
        None,
        "Aan deze tafel zitten mensen van de gemeente, de verhuurder en de zorg. Ze kunnen samen "
        "snel iets besluiten. Uw naam noemen ze daar niet.",
        "Overleg van beslissers met mandaat, één per partij, dat een geanonimiseerde casus binnen "
        "het overleg besluit. Besluit, reden en kosten van niet helpen worden vastgelegd, zodat "
        "maatwerk geen willekeur wordt.",
        "doe-tafel, doorbraaktafel",
        True,
        "overleg waar de organisaties samen een besluit nemen",
    ),
    (
        "keukentafelgesprek",
        "gemeente",
        None,
        "In dit gesprek praat iemand van de gemeente of het wijkteam met u. Vaak gebeurt dat bij u "
        "thuis. Samen kijkt u wat u nodig hebt.",
        "Het onderzoeksgesprek na een melding of bij de start van een traject. Alle leefgebieden "
        "komen aan bod, ook wat de inwoner en zijn netwerk zelf kunnen. Het verslag is de basis "
        "voor het plan.",
        "",
        True,
        "gesprek over wat u nodig hebt",
    ),
    (
        "MDO",
        "",
        None,
        "Bij een MDO zitten de mensen die u helpen samen aan tafel. U bent er zelf ook bij. Samen "
        "maakt u één plan.",
        "Multidisciplinair overleg: professionals van verschillende domeinen en de inwoner maken "
        "samen één plan. Afspraken worden direct acties in het plan, met een eigenaar en een "
        "datum.",
        "multidisciplinair overleg",
        True,
        "overleg met u en uw hulpverleners samen",
    ),
    (
        "regisseur",
        "gemeente",
        None,
        "De regisseur is uw vaste contactpersoon. U vertelt uw verhaal maar één keer. De regisseur "
        "houdt het overzicht over alle hulp.",
        "De professional die het plan van een huishouden coördineert en het aanspreekpunt van de "
        "inwoner is, precies één per plan. Brengt de expertise van anderen op tijd aan tafel.",
        "casusregisseur, procesregisseur",
        True,
        "uw vaste contactpersoon",
    ),
    (
        "wijkteam",
        "gemeente",
        None,
        "Het wijkteam is een groep hulpverleners in uw wijk. U kunt er terecht met vragen over "
        "geld, gezondheid, opvoeden en meer.",
        "Team van generalisten per wijk (toegang Wmo en Jeugdwet, vaak ook schuldhulp). Kent de "
        "sociale kaart van het gebied en levert vaak de regisseur.",
        "sociaal wijkteam, buurtteam, sociaal team",
        False,
        "",
    ),
    (
        "Jeugdwet",
        "gemeente",
        "gezin-kinderen",
        "De Jeugdwet is een wet over hulp aan kinderen tot 18 jaar en hun ouders. De gemeente "
        "regelt deze hulp.",
        "Sinds 2015 is de gemeente verantwoordelijk voor jeugdhulp, jeugdbescherming en "
        "jeugdreclassering tot 18 jaar. Bij 18 jaar stopt de jeugdhulp meestal; Wmo, "
        "Participatiewet of zorgverzekering nemen over. Begin ruim op tijd met die overgang.",
        "",
        True,
        "de wet over hulp aan kinderen en gezinnen",
    ),
    (
        "jeugdhulp",
        "jeugdhulp",
        "gezin-kinderen",
        "Jeugdhulp is hulp voor kinderen en jongeren tot 18 jaar, en voor hun ouders. Bijvoorbeeld "
        "bij problemen met opvoeden of opgroeien.",
        "Alle hulp onder de Jeugdwet, van lichte opvoedondersteuning tot verblijf. Let op de "
        "andere leefgebieden van het gezin: hulp voor het kind lost geen huurachterstand op.",
        "jeugdzorg",
        False,
        "",
    ),
    (
        "ZRM",
        "",
        None,
        "Met de ZRM kijken we samen hoe het met u gaat. Bijvoorbeeld met geld, wonen en "
        "gezondheid. Later doen we dat nog een keer. Dan ziet u wat beter gaat.",
        "Zelfredzaamheid-Matrix: 13 domeinen, elk gescoord van 1 (acute problemen) tot 5 "
        "(volledig zelfredzaam). Bij de start en later opnieuw ingevuld om voortgang per domein "
        "te zien.",
        "Zelfredzaamheid-Matrix, zelfredzaamheidsmatrix",
        True,
        "een lijst om samen te kijken hoe het met u gaat",
    ),
    (
        "Participatieladder",
        "",
        "dagbesteding",
        "De Participatieladder heeft zes treden. Die laten zien hoe u meedoet. Van weinig contact "
        "met anderen tot betaald werk.",
        "Instrument met 6 treden: 1 geïsoleerd, 2 sociale contacten buiten de deur, 3 deelname "
        "aan georganiseerde activiteiten, 4 onbetaald werk, 5 betaald werk met ondersteuning, "
        "6 betaald werk.",
        "",
        True,
        "een meetlat voor hoe u meedoet",
    ),
    (
        "Positieve Gezondheid",
        "",
        "lichamelijke-gezondheid",
        "Bij Positieve Gezondheid kijkt u zelf naar uw leven. Hoe voelt u zich? Wat vindt u "
        "belangrijk? U geeft zelf cijfers.",
        "Gespreksinstrument met 6 dimensies (lichaamsfuncties, mentaal welbevinden, zingeving, "
        "kwaliteit van leven, meedoen, dagelijks functioneren), elk 0-10 door de inwoner zelf "
        "gescoord.",
        "spinnenweb",
        False,
        "",
    ),
    (
        "woonconsulent",
        "woningcorporatie",
        "wonen",
        "De woonconsulent werkt bij uw verhuurder. U kunt hem of haar alles vragen over uw huis, "
        "de huur of de buren.",
        "Medewerker van de corporatie voor huurders: huurachterstand, overlast, woonfraude, "
        "woonbegeleiding. Ziet achter de voordeur en signaleert vaak als eerste.",
        "huurconsulent, wijkconsulent",
        False,
        "",
    ),
    (
        "woningcorporatie",
        "woningcorporatie",
        "wonen",
        "Een woningcorporatie is een verhuurder. Ze heeft huizen met een lage huur. Die zijn voor "
        "mensen met een laag inkomen.",
        "Toegelaten instelling voor sociale huur. Maakt met gemeente en zorg afspraken over "
        "bijvoorbeeld woningen voor mensen die uit beschermd wonen komen.",
        "corporatie, woningbouwvereniging",
        False,
        "",
    ),
    (
        "huurachterstand",
        "woningcorporatie",
        "wonen",
        "U hebt een huurachterstand als u de huur niet op tijd hebt betaald.",
        "Openstaande huur. Vanaf een maand achterstand een signaal voor vroegsignalering; bij "
        "langere achterstand dreigt ontruiming. Vaak hangen er andere problemen achter.",
        "huurschuld",
        False,
        "",
    ),
    (
        "ontruiming",
        "woningcorporatie",
        "wonen",
        "Bij een ontruiming moet u uit uw huis. De rechter beslist daarover.",
        "Het uit huis zetten van een huurder na een vonnis, meestal om huurachterstand of "
        "overlast. Voorkomen kost bijna altijd minder dan de gevolgen.",
        "huisuitzetting",
        False,
        "",
    ),
    (
        "urgentie",
        "gemeente",
        "wonen",
        "Met een urgentie krijgt u voorrang op een huurhuis. Dat kan alleen als het echt niet "
        "anders kan. Een commissie beslist.",
        "Urgentieverklaring: voorrang op sociale huurwoningen bij acute woonnood. Voorwaarden "
        "verschillen per regio; een urgentiecommissie beoordeelt de aanvraag.",
        "urgentieverklaring",
        True,
        "voorrang op een huurhuis",
    ),
    (
        "overlast",
        "woningcorporatie",
        "wonen",
        "Overlast is als buren veel last van elkaar hebben. Bijvoorbeeld door lawaai of ruzie.",
        "Klachten van buren. Achter overlast zitten vaak psychische problemen, verslaving of "
        "schulden: een reden om breder te kijken.",
        "burenoverlast",
        False,
        "",
    ),
    (
        "bijstand",
        "gemeente",
        "werk-inkomen",
        "Bijstand is geld van de gemeente als u te weinig inkomen hebt. U zoekt dan wel naar werk, "
        "als u dat kunt.",
        "Algemene bijstand onder de Participatiewet: aanvulling tot het sociaal minimum, met "
        "plichten (zoeken naar werk, tegenprestatie) en mogelijke ontheffing.",
        "bijstandsuitkering, algemene bijstand",
        False,
        "",
    ),
    (
        "re-integratie",
        "participatiebedrijf",
        "werk-inkomen",
        "Re-integratie betekent: hulp om weer aan het werk te gaan. Bijvoorbeeld met een cursus of "
        "een plek om te oefenen.",
        "Trajecten richting werk: werkfit maken, scholing, proefplaatsing, jobcoaching. Vraag "
        "vroeg in het traject naar werk; dat voorkomt jaren stilstand.",
        "reintegratie, re-integratietraject",
        True,
        "hulp bij het vinden van werk",
    ),
    (
        "loonkostensubsidie",
        "participatiebedrijf",
        "werk-inkomen",
        "Kunt u minder snel werken dan anderen? Dan kan uw baas geld van de gemeente krijgen. U "
        "krijgt dan gewoon loon.",
        "Subsidie aan de werkgever voor het verschil tussen het loon en de vastgestelde "
        "loonwaarde van een werknemer met een arbeidsbeperking.",
        "LKS",
        True,
        "geld voor uw baas omdat u minder snel kunt werken",
    ),
    (
        "werkcoach",
        "participatiebedrijf",
        "werk-inkomen",
        "Een werkcoach helpt u om werk te vinden en te houden.",
        "Begeleidt inwoners naar en op het werk. Zit vaak in een ander gebouw en systeem dan het "
        "wijkteam: vraag in het MDO altijd of er een werkcoach is.",
        "jobcoach",
        False,
        "",
    ),
    (
        "beschut werk",
        "participatiebedrijf",
        "werk-inkomen",
        "Beschut werk is een baan met veel begeleiding. Het werk past bij wat u kunt.",
        "Werkplek onder de Participatiewet voor wie alleen met intensieve begeleiding of "
        "aanpassingen kan werken. Het participatiebedrijf biedt de plekken.",
        "",
        True,
        "werk met extra begeleiding",
    ),
    (
        "dagbesteding",
        "zorgaanbieder",
        "dagbesteding",
        "Bij dagbesteding doet u overdag iets samen met anderen. Bijvoorbeeld koken, in de tuin "
        "werken of klussen.",
        "Georganiseerde activiteit overdag, als algemene voorziening in de buurt of als "
        "maatwerkvoorziening. Geeft ritme en contact; soms een stap richting werk.",
        "dagactiviteit",
        False,
        "",
    ),
    (
        "ambulante begeleiding",
        "zorgaanbieder",
        "zelfzorg",
        "Een begeleider komt bij u thuis. Hij of zij helpt u bijvoorbeeld met post, geld of het "
        "huishouden.",
        "Begeleiding thuis, meestal een Wmo-maatwerkvoorziening, gericht op zelfstandig wonen en "
        "regie over het eigen leven.",
        "ambulant begeleider, individuele begeleiding",
        True,
        "een begeleider die bij u thuis helpt",
    ),
    (
        "beschermd wonen",
        "zorgaanbieder",
        "psychische-gezondheid",
        "Beschermd wonen is een woonplek met begeleiding. Er is altijd iemand in de buurt die kan "
        "helpen.",
        "Wonen met toezicht en begeleiding voor mensen met psychische problemen. Uitstroom lukt "
        "alleen als er een woning, inkomen en begeleiding klaarstaan: afspraken met corporaties "
        "zijn nodig.",
        "",
        True,
        "wonen met begeleiding dichtbij",
    ),
    (
        "mantelzorg",
        "",
        "sociaal-netwerk",
        "Mantelzorg is zorg die u geeft aan iemand die u kent. Bijvoorbeeld aan uw partner, ouder "
        "of kind. U krijgt er geen geld voor.",
        "Langdurige onbetaalde zorg uit het eigen netwerk. Een mantelzorger kan overbelast raken; "
        "respijtzorg en ondersteuning vallen onder de Wmo.",
        "mantelzorger",
        False,
        "",
    ),
    (
        "eigen kracht",
        "",
        "sociaal-netwerk",
        "Eigen kracht is wat u zelf kunt. En wat mensen om u heen voor u kunnen doen.",
        "Wat de inwoner en het netwerk zelf kunnen. Wordt gewogen voordat een voorziening wordt "
        "toegekend; gebruik het als vraag, niet als verwijt.",
        "zelfredzaamheid, eigen regie",
        True,
        "wat u zelf kunt, met hulp van mensen om u heen",
    ),
    (
        "sociale basis",
        "welzijnsorganisatie",
        "sociaal-netwerk",
        "De sociale basis is alles in uw buurt waar u zonder aanvraag terecht kunt. Bijvoorbeeld "
        "een buurthuis, een taalcafé of vrijwilligers.",
        "Algemene voorzieningen, welzijn, bewonersinitiatieven en vrijwilligers. Eerst hier zoeken, "
        "dan pas een individuele voorziening.",
        "voorliggende voorziening, algemene voorziening",
        True,
        "activiteiten en hulp in de buurt",
    ),
    (
        "sociale kaart",
        "",
        None,
        "De sociale kaart is een overzicht van hulp en activiteiten in uw buurt.",
        "Overzicht van diensten, initiatieven en contactpersonen in een gebied. Het wijkteam "
        "houdt hem actueel.",
        "",
        True,
        "overzicht van hulp in de buurt",
    ),
    (
        "signaleringsoverleg",
        "",
        None,
        "In dit overleg praten hulpverleners uit de wijk met elkaar. Bijvoorbeeld de huisarts en "
        "de wijkagent. Ze bespreken wie hulp nodig heeft. Daarna gaat iemand op bezoek.",
        "Vast overleg per wijk (huisarts, wijkagent, corporatie, welzijn, wijkteam) dat zorgen "
        "over bewoners bespreekt en beslist wie binnen enkele dagen langsgaat.",
        "",
        True,
        "overleg in de wijk over mensen die misschien hulp nodig hebben",
    ),
    (
        "eropaf",
        "welzijnsorganisatie",
        None,
        "Eropaf betekent: een hulpverlener komt bij u langs. U hoeft zelf niet te bellen.",
        "Outreachend werken: niet wachten tot iemand zich meldt, maar binnen enkele dagen "
        "aanbellen. Ongeveer de helft van de mensen neemt daarna hulp aan.",
        "outreachend werken, outreach",
        True,
        "langskomen bij u thuis",
    ),
    (
        "ervaringsdeskundige",
        "welzijnsorganisatie",
        None,
        "Deze persoon heeft zelf ook moeilijke dingen meegemaakt. Bijvoorbeeld schulden of "
        "psychische problemen. Daarom snapt hij of zij goed hoe het voor u is.",
        "Getrainde medewerker die eigen herstelervaring inzet. Vaak beter in staat om contact te "
        "leggen met wie hulpverleners wantrouwt.",
        "",
        True,
        "iemand die zelf hetzelfde heeft meegemaakt",
    ),
    (
        "warme overdracht",
        "",
        None,
        "Bij een warme overdracht brengt uw hulpverlener u zelf in contact met een andere "
        "hulpverlener. U hoeft uw verhaal niet opnieuw te vertellen.",
        "Doorverwijzen door zelf contact te leggen met de juiste professional, samen met de "
        "inwoner, en terughoren wat ervan geworden is.",
        "warme doorverwijzing",
        True,
        "iemand brengt u zelf in contact met de juiste hulp",
    ),
    (
        "wijkagent",
        "politie",
        "veiligheid-justitie",
        "De wijkagent is de politieagent van uw wijk. Hij of zij kent de buurt goed.",
        "Vast aanspreekpunt van de politie in een wijk. Ziet zorgen over kwetsbare bewoners vaak "
        "vroeg; neemt deel aan het signaleringsoverleg.",
        "",
        False,
        "",
    ),
    (
        "POH-GGZ",
        "huisartsenpraktijk",
        "psychische-gezondheid",
        "De POH-GGZ werkt bij de huisarts. U kunt met deze persoon praten over stress, "
        "somberheid of angst.",
        "Praktijkondersteuner huisarts voor psychische klachten. Lage drempel, kortdurend; "
        "verwijst zo nodig door naar de ggz.",
        "praktijkondersteuner ggz",
        True,
        "praktijkondersteuner van de huisarts voor psychische klachten",
    ),
    (
        "ggz",
        "zorgaanbieder",
        "psychische-gezondheid",
        "De ggz helpt mensen met psychische problemen. Bijvoorbeeld als u vaak bang of somber "
        "bent. Of als u verslaafd bent.",
        "Geestelijke gezondheidszorg, basis en specialistisch (Zorgverzekeringswet). Lange "
        "wachttijden: volg de wachtlijst actief en regel overbrugging.",
        "geestelijke gezondheidszorg",
        True,
        "hulp bij psychische problemen",
    ),
    (
        "Wlz",
        "zorgaanbieder",
        "zelfzorg",
        "De Wlz is een wet voor mensen die altijd zorg in de buurt nodig hebben. Bijvoorbeeld in "
        "een verpleeghuis.",
        "Wet langdurige zorg: blijvende behoefte aan permanent toezicht of 24 uur zorg in de "
        "nabijheid. Indicatie door het CIZ; daarna stopt de Wmo-ondersteuning grotendeels.",
        "Wet langdurige zorg",
        True,
        "de wet voor mensen die altijd zorg nodig hebben",
    ),
    (
        "zorgmijding",
        "",
        "lichamelijke-gezondheid",
        "Soms gaan mensen niet naar de dokter terwijl dat wel nodig is. Bijvoorbeeld door geldzorgen "
        "of angst.",
        "Afzien van zorg die nodig is, door kosten (eigen risico), wantrouwen of psychische "
        "problemen. Een signaal om breder te kijken.",
        "zorgmijder",
        True,
        "geen hulp zoeken terwijl u die wel nodig hebt",
    ),
    (
        "leefgebied",
        "",
        None,
        "Een leefgebied is een deel van uw leven. Bijvoorbeeld wonen, geld, werk of gezondheid.",
        "Eén van de domeinen waarop het plan van een huishouden is ingedeeld. Elk leefgebied "
        "komt minstens één keer aan bod, werk en geld vroeg.",
        "levensdomein, leefdomein",
        False,
        "",
    ),
]


def seed(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    LifeDomain = apps.get_model("taxonomy", "LifeDomain")
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    for term, kind, domain, resident, professional, synonyms, jargon, alternative in TERMS:
        GlossaryTerm.objects.update_or_create(
            term=term,
            defaults={
                "organisation_kind": kind,
                "life_domain": domains.get(domain) if domain else None,
                "explanation_resident": resident,
                "explanation_professional": professional,
                "synonyms": synonyms,
                "jargon": jargon,
                "plain_alternative": alternative,
            },
        )


def unseed(apps, schema_editor):
    GlossaryTerm = apps.get_model("taxonomy", "GlossaryTerm")
    GlossaryTerm.objects.filter(term__in=[row[0] for row in TERMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_glossaryterm")]

    operations = [migrations.RunPython(seed, unseed)]
