import pytest

from bot.triage import crisis
from tests.conftest import training_examples

MUST_MATCH = [
    ("ik wil er niet meer zijn", crisis.SUICIDE),
    ("Zelfmoort", crisis.SUICIDE),
    ("ik denk aan zelfdoding", crisis.SUICIDE),
    ("soms denk ik dat iedereen beter af is zonder mij", crisis.SUICIDE),
    ("ik heb pillen gespaard", crisis.SUICIDE),
    ("ik wil slapen en niet meer wakker worden", crisis.SUICIDE),
    ("door de schulden zie ik het niet meer zitten", crisis.SUICIDE),
    ("ik snij mezelf weer", crisis.SUICIDE),
    ("113", crisis.SUICIDE),
    ("wat is het nummer van 113", crisis.SUICIDE),
    ("ik zie geen uitweg meer", crisis.SUICIDE),
    ("ik heb vannacht op de rand van het dak gezeten", crisis.SUICIDE),
    ("als ik er niet meer ben, wie zorgt dan voor mijn kat", crisis.SUICIDE),
    ("ik heb vannacht een uur bij het spoor gestaan", crisis.SUICIDE),
    ("ik ben weer aan het krassen", crisis.SUICIDE),
    ("ik wil gewoon verdwijnen voor altijd", crisis.SUICIDE),
    ("I want to kill myself", crisis.SUICIDE),
    ("kendimi öldürmek istiyorum", crisis.SUICIDE),
    ("chcę się zabić", crisis.SUICIDE),
    ("أريد أن أنتحر", crisis.SUICIDE),
    ("mijn man slaat me", crisis.VIOLENCE),
    ("help hij slaat me weer", crisis.VIOLENCE),
    ("ik ben bang voor mijn vriend als hij drinkt", crisis.VIOLENCE),
    ("de buurman slaat zijn kinderen", crisis.VIOLENCE),
    ("mijn stiefvader komt 's nachts aan me", crisis.VIOLENCE),
    ("hij dreigt me iets aan te doen", crisis.VIOLENCE),
    ("mijn ex heeft mijn zoon van 4 geslagen", crisis.VIOLENCE),
    ("ik heb mijn moeder vanmiddag hard geduwd", crisis.VIOLENCE),
    ("de kinderen naast ons zijn al drie dagen alleen thuis", crisis.VIOLENCE),
    ("ze durft niet meer naar huis", crisis.VIOLENCE),
    ("thuis is het niet veilig", crisis.VIOLENCE),
    ("my husband beats me", crisis.VIOLENCE),
    ("hij heeft een mes", crisis.DANGER),
    ("mijn moeder is bewusteloos", crisis.DANGER),
    ("ik sta vannacht op straat", crisis.HOMELESS),
    ("ik ben uit huis gezet en weet niet waar ik moet slapen", crisis.HOMELESS),
    ("ik slaap sinds gisteren in mijn auto", crisis.HOMELESS),
    ("ik heb geen slaapplek", crisis.HOMELESS),
    ("ik sta met mijn kinderen op straat", crisis.HOMELESS),
    ("we staan met een baby en een peuter op straat", crisis.HOMELESS),
    ("'s avonds sta ik steeds vaker bij de overweg te wachten tot er een trein komt", crisis.SUICIDE),
    (
        "of mijn ouders na mijn overlijden aansprakelijk zijn, niet door ziekte, ik heb het zelf zo besloten",
        crisis.SUICIDE,
    ),
    ("sinds twee weken snij ik weer", crisis.SUICIDE),
    ("sindsdien spaar ik mijn tabletten op", crisis.SUICIDE),
    ("ze zeiden dat ze weten op welke school mijn dochter zit", crisis.DANGER),
    ("hij zei dat ik het niet overleef als ik aangifte doe", crisis.DANGER),
    ("vorige week heeft hij mijn banden lek gestoken", crisis.DANGER),
    # acute medical emergencies told calmly
    ("sinds een kwartier praat ze onduidelijk en hangt haar mondhoek", crisis.DANGER),
    ("zijn mond hangt ineens scheef en hij praat raar", crisis.DANGER),
    ("al een uur een drukkend gevoel op mijn borst, ik ben 76", crisis.DANGER),
    ("mijn linkerarm tintelt en ik heb pijn op de borst", crisis.DANGER),
    ("heb net een hele strip paracetamol op", crisis.DANGER),
    ("mijn man is diabeet en zit heel verward en bezweet aan tafel", crisis.DANGER),
    ("haar lippen zwellen op en ze krijgt bijna geen lucht", crisis.DANGER),
    ("vraag voor mezelf, ik wil niet dat het mijn moeder is die me vindt", crisis.SUICIDE),
    # arrangements for "after", told as practical questions
    ("ik maak een wandeling waar ik niet van terugkom", crisis.SUICIDE),
    ("kan iemand mijn kamer leegruimen? ik kom er nooit meer terug", crisis.SUICIDE),
    ("ik ga naar het bos, niemand hoeft mij te zoeken", crisis.SUICIDE),
    ("ik wil mijn crematie regelen, het is deze week nog nodig terwijl ik niet ziek ben", crisis.SUICIDE),
    ("ik heb het besloten en nu ben ik heel rustig", crisis.SUICIDE),
    ("ik geef het op, voorgoed deze keer", crisis.SUICIDE),
    ("ik wilde even dag zeggen tegen iemand, het is goed zo", crisis.SUICIDE),
    ("de dokter wil geen euthanasie, dan doe ik het zelf wel", crisis.SUICIDE),
    ("wie vindt mij als ik in mijn flat lig? ik wil niet dat mijn zoon het is", crisis.SUICIDE),
    ("hoe lang duurt het voordat je onderkoeld raakt in de gracht, ik wil het weten voor straks", crisis.SUICIDE),
    ("de trein van half twaalf, ik zie geen andere weg meer", crisis.SUICIDE),
    ("ik ruik gas in het trappenhuis", crisis.DANGER),
    ("mijn buurvrouw is zwanger, zij heeft veel bloed en veel pijn in de buik", crisis.DANGER),
    ("mijn man en zijn moeder doen de deur op slot als ik alleen naar buiten wil", crisis.VIOLENCE),
    ("ze doen de deur op slot als ik 's avonds naar buiten wil", crisis.VIOLENCE),
]

MUST_NOT_MATCH = [
    # close to the rules for arrangements "for after", but help questions
    "ik ben 82 en woon alleen. als ik val is er niemand die me vindt, bestaat er een alarmknop?",
    "ik wil niet dat mijn dochter degene is die mij straks moet verzorgen, welke thuiszorg is er?",
    "mijn vader is gisteren onverwacht overleden, hij was helemaal niet ziek. de uitvaart moet binnen een paar dagen",
    "ik heb besloten om het na mijn burn-out rustig aan te doen, kan ik minder uren werken?",
    "ik heb besloten dat ik de kinderen niet meer haal bij mijn ex",
    "wij halen het einde van de maand niet met ons geld",
    "ik wil het roken opgeven, voor altijd dit keer. is er hulp bij stoppen?",
    "ik wil mijn huurwoning opgeven voor altijd en bij mijn dochter intrekken",
    "ik lever de sleutels van mijn oude huurhuis in, ik kom er nooit meer terug. krijg ik mijn borg terug?",
    "na de scheiding staan mijn spullen nog in ons huis, ik kom daar niet meer terug",
    "is schuldsanering een besluit waar je niet meer van terugkomt?",
    "hoe werkt euthanasie voor mijn vader, moet ik de aanvraag zelf doen of de huisarts?",
    "er is ingebroken, moet ik de deur open laten voor de politie zodat ze sporen kunnen zoeken?",
    "hoe snel kan een peuter verdrinken in een badje? wij krijgen een vijver",
    "mijn zoon is gek op de trein en wil later machinist worden",
    "de trein rijdt niet meer naar ons dorp en er is geen andere weg naar mijn werk",
    "ik ga met pensioen, hoe kan ik mijn afscheid doorgeven aan de vakbond?",
    "mijn moeder heeft dementie, ik draai de deur op slot als ik even weg ga",
    "ik zet mijn fiets altijd op slot als ik naar buiten ga",
    "ik doe de deur op slot als mijn moeder met dementie 's nachts naar buiten wil",
    "mijn dochter heeft veel bloedverlies tijdens haar menstruatie, vergoedt de verzekering de pil?",
    "mijn vader heeft veel bloed gegeven bij sanquin",
    "ik heb veel bloed laten prikken voor de keuring",
    "de monteur heeft het lek gemaakt en ik ruik geen gas meer, wie betaalt de rekening?",
    "ik ga dood van de herrie van de bovenburen",
    "ik ben niet ziek, maar ik wil mijn uitvaart alvast regelen voor later",
    "ik ga dood van de honger, is er een snackbar open",
    "ik ga echt dood van die toets morgen",
    "ik wil niet dat mijn moeder het is die alles moet betalen",
    "ik zoek een vriendin die me leuk vindt",
    "ik doe alles voor mijn moeder en kan niet meer",
    "ik heb schulden en zorg ook voor mijn zieke moeder",
    "mijn zoon van 3 slaat andere kinderen op de opvang",
    "ik wil de was ophangen maar mijn rug doet pijn",
    "waar moet ik heen met mijn vraag over bijstand",
    "de deurwaarder staat aan de deur",
    "mijn dochter wordt gepest op school",
    "ik ben mijn baan kwijt",
    "hoe vraag ik een paspoort aan",
    "hallo",
    "er zit een kras op mijn auto",
    "mijn kinderen van 12 en 14 zijn na school alleen thuis, is dat goed?",
    # everyday sentences that early versions of the rules took for a crisis
    "vandaag is de laatste dag om te betalen",
    "super, bedankt voor alles!",
    "ik zorg goed voor de kinderen maar het geld is op",
    "ik heb het niet meer nodig",
    "kom niet meer terug op mijn vraag",
    "mijn testament wil ik laten nakijken",
    "is het voorbij met mijn uitkering?",
    "ik wil dat de schulden verdwijnen",
    "geld voor de trein naar mijn werk",
    "ik zit op de rand van een burn-out",
    "mijn auto is gekrast",
    "ik heb me gesneden bij het koken",
    "ik woon op huisnummer 113",
    "ik moet nog 113 euro betalen",
    "sorry voor alles wat ik vraag",
    "na vanavond hebben we geen stroom meer",
    "dat slaat nergens op voor mij",
    "mijn dochter volgt haar lessen niet",
    "ik heb al mijn geld opgemaakt",
    "ik ben doodsbang voor de deurwaarder",
    "ik verwaarloos mezelf door de zorg",
    "met de kinderen erbij sta ik op klappen",
    "ik voel me opgesloten in huis",
    "ik zit al dagen thuis en doe alles alleen",
    "we hebben geen eten meer voor de kinderen",
    "arm gebroken bij voetbal, kan ik nog werken",
    "de fietsen staan in de kelder",
    "ik kan niet weg bij mijn moeder, ze heeft me nodig",
    "geld nodig om te trouwen",
    "de deurwaarder neemt mijn geld",
    "de school heeft alarm geslagen over het verzuim",
    "ik ben bang voor mijn zoon, hij spijbelt",
    "hij heeft blauwe ogen",
    "mijn vader wil niet naar huis uit het verpleeghuis",
    "de gemeente reageert niet op mijn mail",
    "mijn baan is in gevaar",
    "ik rook te veel en het komt door de stress",
    "ik voel me aangevallen door de brief",
    "mijn moeder kan niet meer opstaan uit haar stoel",
    "ik ben in 2015 gevlucht uit Syrie en zoek werk",
    "ik heb geen plek op de kinderopvang",
    "de kinderen zijn nu buiten aan het spelen",
    "ik zit nu buiten op het terras",
    "mijn zoon hangt op straat rond en nu spijbelt hij",
    "ik sta met mijn kraam op de markt, niet op straat",
    "ik sta ingeschreven bij mijn moeder",
    "met mijn kinderen speel ik vaak op straat",
    "ik slaap slecht en loop s nachts buiten",
    "mijn vader heeft vorig jaar een beroerte gehad en ik zorg nu voor hem",
    "ik heb soms pijn op de borst van de stress",
    "mijn moeder is diabeet en ik help haar met de insuline",
    "hij praat raar sinds hij op die nieuwe school zit",
    "mijn zoon heeft astma, krijgen we vergoeding voor de medicijnen?",
]


@pytest.mark.parametrize("text,kind", MUST_MATCH)
def test_crisis_phrasings_are_detected_with_their_kind(text, kind):
    assert kind in crisis.kinds(text)


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_everyday_help_questions_are_not_a_crisis(text):
    assert crisis.kinds(text) == []


def test_several_kinds_in_one_message_are_all_reported_in_fixed_order():
    found = crisis.kinds("hij slaat me en nu wil ik dood")
    assert found == [crisis.SUICIDE, crisis.VIOLENCE]


def test_detection_ignores_case_accents_and_stretched_letters():
    assert crisis.kinds("IK WIL ER NIET MEER ZIJNNNN") == [crisis.SUICIDE]
    assert crisis.kinds("suïcide") == [crisis.SUICIDE]


#: the crisis examples written for the rules (explicit phrasings); the residents' indirect
#: stories (residents-crisis.yml) are the readers' work, the rules catch about half of them
RULE_FILES = ("crisis.yml", "crisis_more.yml")


def test_rules_alone_catch_nearly_every_explicit_crisis_example_in_the_training_data():
    # The readers cover the rest; the rules are the safety net that does not depend on them.
    crisis_texts = [t for f, intent, t in training_examples() if intent == "crisis" and f in RULE_FILES]
    caught = sum(1 for t in crisis_texts if crisis.kinds(t))
    assert len(crisis_texts) >= 400
    assert caught / len(crisis_texts) >= 0.97


def test_rules_rarely_fire_on_ordinary_help_questions_in_the_training_data():
    # The training data holds about 400 look-alikes written to trick them: school projects
    # about domestic violence, danger that is long over, "mijn baas vermoordt me als ...".
    # The rules keep firing on words such as "huiselijk geweld" on purpose (recall first),
    # so they fire on some of those; the decision as a whole is measured on the
    # development sets (benchmarks/nlu_variants.py, at most 3% false alarms).
    others = [t for _, intent, t in training_examples() if intent != "crisis"]
    false_alarms = [t for t in others if crisis.kinds(t)]
    assert len(others) >= 3000
    assert len(false_alarms) / len(others) <= 0.015


def test_figures_of_speech_about_jobs_and_bills_are_no_crisis_but_people_are():
    assert crisis.kinds("Dat solliciteren vermoordt me, 40 brieven en niks") == []
    assert crisis.kinds("De gasrekening wurgt ons") == []
    assert crisis.kinds("ik zie het niet meer zitten met solliciteren") == []
    assert crisis.kinds("ik ga dood van verveling thuis") == []
    assert crisis.kinds("mijn man vermoordt me nog") == [crisis.VIOLENCE]
    assert crisis.kinds("ik zie het niet meer zitten") == [crisis.SUICIDE]
    assert crisis.kinds("ik ga dood") == [crisis.SUICIDE]


def test_a_closed_door_a_sleeping_baby_and_a_father_who_cancels_contracts_are_no_crisis():
    assert crisis.kinds("ze schreeuwde en sloeg haar deur dicht") == []
    assert crisis.kinds("onze baby slaapt alleen op mijn arm") == []
    assert crisis.kinds("mijn vader van 74 sluit van alles af: loterijen, tijdschriften") == []
    assert crisis.kinds("hij sloeg haar") == [crisis.VIOLENCE]
    assert crisis.kinds("hij sluit me op in de slaapkamer") == [crisis.VIOLENCE]


def test_a_school_project_about_violence_or_homelessness_is_no_crisis_but_a_situation_is():
    assert crisis.kinds("voor mijn werkstuk: hoeveel meldingen van huiselijk geweld zijn er per jaar?") == []
    assert crisis.kinds("hoeveel mensen zijn er dakloos in nederland? is voor mijn spreekbeurt") == []
    assert crisis.kinds("voor mijn profielwerkstuk onderzoek ik zelfbeschadiging onder tieners") == []
    assert crisis.kinds("voor mijn studie ben ik nu dakloos, waar moet ik slapen") == [crisis.HOMELESS]
    assert crisis.kinds("voor mijn werkstuk: ik denk zelf ook aan suïcide") == [crisis.SUICIDE]
    assert crisis.kinds("huiselijk geweld bij ons thuis") == [crisis.VIOLENCE]


def test_asking_whether_one_can_stay_home_safely_is_violence_even_without_other_words():
    # a carer's "zodat hij veilig thuis kan blijven" reads the same; the rule keeps both
    # (docs/nlu.md, seventh session)
    assert crisis.kinds("kan ik hier nog veilig thuis blijven? mijn partner is agressief") == ["violence"]
    assert crisis.kinds("ik weet niet of ik nog veilig thuis kan blijven") == ["violence"]


def test_a_dangerous_tree_is_for_the_municipality_not_112():
    assert crisis.kinds("die boom in het plantsoen is levensgevaarlijk bij storm") == []
    assert crisis.kinds("een levensgevaarlijk kruispunt bij de school") == []
    assert crisis.kinds("hij is levensgevaarlijk, hij heeft een mes") != []
