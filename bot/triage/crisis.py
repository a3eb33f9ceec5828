"""Rule-based crisis detection, designed for recall.

Missing a crisis is the worst error Hulpwijzer can make, so every message passes these
rules *in addition to* the trained classifier: a message is a crisis when either says so.
A false alarm costs one extra, calm paragraph with national numbers before the normal
answer; a miss can cost a life. The rules therefore match broadly (also negated or
hypothetical phrasings such as "ik denk niet aan zelfmoord hoor"), and tests pin both the
phrasings that must match and the everyday phrasings that must not.

Kinds, each with its own first line in the crisis answer:

* ``suicide``: suicidal thoughts or self-harm (113 Zelfmoordpreventie)
* ``violence``: domestic violence, child abuse, elder abuse (Veilig Thuis)
* ``danger``: acute danger to life (112)
* ``homeless``: no place to sleep tonight (the municipality, maatschappelijke opvang)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import fold_pattern, fold_variants

SUICIDE = "suicide"
VIOLENCE = "violence"
DANGER = "danger"
HOMELESS = "homeless"
KINDS = (SUICIDE, VIOLENCE, DANGER, HOMELESS)

_ME = r"(?:me|mij|mezelf|mijzelf|mn|m'n|mijn|ons|onszelf)"
_PARTNER = (
    r"(?:man|vrouw|vriend|vriendin|partner|ex|echtgeno(?:ot|te)|vader|moeder|pa|ma|papa|mama|"
    r"stiefvader|stiefmoeder|stiefpa|schoonvader|schoonmoeder|huisgenoot|vriendje|vent)"
)
_VICTIM = (
    r"(?:me|mij|ons|mama|papa|mn moeder|m'n moeder|mijn moeder|mijn vader|m'n vader|mijn vrouw|"
    r"mijn man|mijn zus|mijn broertje|mijn zusje|mijn oma|mijn opa|haar|hem|"
    r"(?:de|mijn|m'n|mn|zijn|z'n|haar|hun|onze) (?:kind|kinderen|kids|zoon|dochter|baby|vrouw|vriendin|moeder|vader))"
)
_TONIGHT = r"(?:vannacht|vanavond|vandaag|deze nacht|komende nacht)"

_PATTERNS: dict[str, list[str]] = {
    SUICIDE: [
        r"\bzel(?:f)? ?moo?r[dt]\w*",
        r"\bsu[iï]?[cs]id\w*",
        r"zelfdoding",
        r"^\W*113\W*$|\b(?:bel|bellen|gebeld|nummer van|chat met) 113\b|\b113 (?:bellen|gebeld)\b|\b113\.nl\b",
        r"\b0800[ -]?0113\b",
        r"\blevensmoe\b",
        r"\bdoodgaan\b",
        # "ik ga dood", not "ik ga (echt) dood van verveling / vermoeidheid" (a figure of speech)
        r"\b(?:wil|wilde|wou|ga|zou)(?: ik| graag)? (?:liever |gewoon |echt )?dood\b"
        r"(?! van (?:de |het |die |deze )?(?:verveling|vermoeidheid|moeheid|stress|lachen|schaamte|zenuwen|nieuwsgierigheid|kou|hitte|warmte|ergernis|honger|dorst|toets|proefwerk|examen|herrie|lawaai|stank))",
        r"\bdood (?:willen|wil|gaan|zijn)\b",
        r"\bniet meer (?:willen )?(?:leven|bestaan)\b",
        r"\b(?:ik|me|mij)\b(?: \w+){0,3} (?:er|hier) (?:\w+ )?niet meer (?:willen |wil )?zijn\b",
        r"\bwil (?:er |hier )?(?:\w+ ){0,2}niet meer zijn\b",
        r"\bniet meer (?:wakker|verder) (?:worden|willen|wil|te worden)\b",
        r"\bnooit meer wakker\b",
        r"\been? ?eind(?:e)? (?:aan|maken aan) (?:mijn|m'n|mn|me|het|dit) leven\b",
        r"\ber (?:\w+ ){0,4}een eind(?:e)? aan (?:maken|te maken|maak|maakt)\b",
        r"\bik wil (?:gewoon |echt |het liefst )?(?:voor altijd )?verdwijnen\b|\b(?:voorgoed|voor altijd) verdwijnen\b",
        r"\b(?:als|wanneer|dat|zodra) ik er (?:\w+ ){0,2}niet meer (?:ben|zal zijn|zijn)\b",
        r"\bik er (?:morgen|straks|binnenkort|vanavond|vannacht|volgende week) niet meer ben\b",
        r"\bben ik er niet meer\b",
        # who will find the writer: "ik wil niet dat het mijn moeder is die me vindt", "wie
        # vindt mij? ik wil niet dat mijn zoon het is." (not "als ik val is er niemand die me
        # vindt", an older resident asking for an alarm)
        r"\bwil niet dat\b(?:.{0,40}\bdie (?:me|mij) (?:straks |later |dan |als eerste )?(?:vindt|vind|vinden|gaat vinden|zal vinden)\b"
        r"| (?:mijn|m'n|mn) \w+ (?:het|degene) is\s*(?:[.!?]|$))",
        r"\bhet hoeft (?:voor mij )?(?:allemaal |echt |gewoon )?niet meer\b",
        r"\b(?:hou van je|hou van jullie|dag mam|dag pap)\b.{0,40}\bbeter zo\b|\bsorry voor alles\b(?! wat)|\bvaarwel\b",
        r"\bzorg goed voor (?:jezelf|elkaar|mama|papa)\b.{0,40}\bik ga\b",
        r"\b(?:doe|deed|doen|aan|weer|gedaan aan) (?:aan )?sh\b|\bsh (?:gedaan|gehad)\b|\bselfharm\w*",
        r"\b(?:verkeerde kant van|over) de (?:reling|balustrade)\b|\bop de reling van\b",
        r"\bbijna (?:gesprongen|gesprongen van|voor de trein)\b",
        r"\b(?:naar|bij|op|langs) het spoor\b.{0,60}\b(?:gestaan|staan|springen|gesprongen|gelopen|liggen)\b",
        # "'s avonds sta ik bij de overweg te wachten tot er een trein komt"
        r"\b(?:wacht|wachten|wachtte|sta|stond|staan)\b.{0,50}\btot (?:er )?(?:een|de) trein (?:komt|kwam|aankomt|langs)\b",
        # a decision about "after my death" that is no illness: "ik heb het zelf zo besloten"
        r"\bna (?:mijn|m'n|mn) (?:overlijden|dood)\b.{0,150}\b(?:zelf (?:zo )?besloten|zelf gekozen|niet door ziekte)\b",
        r"\b(?:stoppen met|ben aan het|weer aan het|weer) krassen\b|\bkrassen\b.{0,30}\b(?:diep|arm|armen|been|benen|bloed|polsen)\b",
        r"\b(?:zichzelf|haarzelf|hemzelf|zich|mezelf|mijzelf) (?:iets|wat) (?:aan ?(?:\w+ )?doen|aandoen)\b",
        r"\b(?:niemand|geen mens) (?:zal|gaat) me (?:\w+ )?missen\b",
        # arrangements for "after", told as practical questions (crisis_dev4, a development
        # set of issue 15). Each is narrow on purpose: handing in the keys after a move, a
        # decision "waar je niet van terugkomt", giving up smoking "voor altijd", a burglary
        # the police should see, a toddler near a pond are help questions (the tests list them)
        r"\b(?:reis|tocht|wandeling)\b.{0,30}\bwaar(?:van)? ik (?:niet|nooit) (?:meer )?(?:van )?terug ?(?:kom|keer|ga komen)\b",
        r"\bleeg ?(?:ruimen|halen|maken)\b.{0,60}\bkom (?:er|daar|hier) (?:niet|nooit) meer terug\b",
        r"\bniemand (?:hoeft|moet|gaat) (?:mij|me) (?:te )?(?:zoeken|missen)\b",
        # a funeral needed within days by a writer who is not ill (not one arranged for later,
        # not a father who died suddenly "en hij was niet ziek"); fold() makes one line of it
        r"^(?=.*\b(?:uitvaart|begrafenis|crematie)\b)(?=.*\bik (?:ben (?:\w+ )?)?niet ziek\b)"
        r"(?=.*\b(?:binnen (?:enkele|een paar) dagen|deze week (?:nog )?nodig|binnenkort nodig|snel nodig)\b)",
        r"\bbesloten dat ik (?:het )?(?:einde|eind) van\b.{0,30}\bniet (?:meer )?(?:haal|meemaak|mee maak)\b",
        r"\bheb (?:het )?besloten\b.{0,40}\bben (?:\w+ ){0,2}rustig\b",
        r"\b(?:het opgeef|geef het op|het opgeven|het op te geven)\b.{0,40}\b(?:voor altijd|voorgoed|voor goed)\b",
        r"\b(?:dag|gedag) (?:\w+ ){0,3}zeggen\b.{0,120}\bhet is goed zo\b|\bhier mijn afscheid melden\b",
        r"\beuthanasie\b.{0,150}\b(?:doe ik het (?:dan )?zelf|ik weet hoe)\b",
        # means: cold water, a train and its driver
        r"\b(?:hoe lang duurt het|hoelang duurt het|hoe snel)\b.{0,40}\b(?:je|ik)\b.{0,20}\b(?:onderkoeld|verdrink\w*|doodvriest|doodbloed\w*)\b"
        r".{0,80}\b(?:straks|vanavond|vannacht|voor mezelf|voor mij)\b",
        r"\btrein\w*\b.{0,80}\bgeen (?:andere )?(?:weg|uitweg) meer\b|\bmachinist (?:niks|niets) aandoen\b",
        r"\ber een punt achter (?:zetten|zet)\b",
        r"\bmijn leven (?:te )?(?:beeindigen|heeft geen zin|is zinloos|is niks meer waard)\b",
        r"\bgeen zin meer in (?:het |mijn |m'n |dit )?leven\b",
        r"\bhet leven (?:heeft geen zin|is zinloos|niet meer zie zitten)\b",
        r"\bzie (?:ik )?het (?:leven |allemaal |echt |helemaal )?niet meer zitten\b",
        r"\bzie (?:geen|geen enkele) uitweg\b|\bgeen uitweg meer (?:zie|zien)\b",
        r"\bop de rand van (?:het dak|de brug|de flat|het balkon)\b",
        r"\bdoe(?:n)? (?:mezelf|mijzelf|me) (?:iets|wat) aan\b",
        r"\b(?:mezelf|mijzelf) (?:iets |wat )?(?:aan ?(?:te )?doen|aandoen|van kant|ophangen|op te hangen|doden|dood|snijden|te snijden|pijn (?:te )?doen|verwonden|beschadigen)",
        r"\bvan kant (?:maken|te maken)\b",
        r"\b(?:snij|snijd|snijden|kras|krassen) (?:mezelf|mijzelf|in mijn|in m'n)\b",
        # "sinds twee weken snij ik weer", "ze snijdt zichzelf"
        r"\b(?:snij|snijd|snijdt|sneed) (?:ik|ze|hij|zij) (?:\w+ )?weer\b|\b(?:snijdt|sneed|krast) (?:zichzelf|haarzelf|hemzelf)\b",
        r"\b(?:ik )?(?:snij|kras) me\b",
        r"\bzelfbeschadig\w*",
        r"\b(?:iedereen|ze|jullie|mijn kinderen|mijn familie) (?:is |zijn |zou |zouden |zal |zullen )?(?:veel |echt )?beter af (?:zijn )?zonder mij\b",
        r"\bbeter af (?:is |zijn |zou zijn |zal zijn |zouden zijn )?zonder (?:mij|me)\b",
        r"\bpillen (?:gespaard|verzameld|sparen|opgespaard|allemaal innemen|in(?:te)?nemen om)\b",
        # "sindsdien spaar ik mijn tabletten op"
        r"\b(?:spaar|spaarde|sparen) (?:ik |hij |ze |zij )?(?:al )?(?:mijn |m'n |mn |zijn |haar |de )?(?:pillen|tabletten|medicijnen|slaappillen|pijnstillers) op\b",
        r"\b(?:alle|al mijn|al m'n|een hele strip|een doos) pillen\b",
        r"\b(?:spring|springen|sprong|ga liggen|gaan liggen|lopen|loop|stap|stappen) voor (?:de|een) trein\b|\bvoor (?:de|een) trein (?:springen|spring|gaan liggen|lopen)\b",
        r"\b(?:van|vanaf|van het dak van) (?:een|de|het) (?:flat|brug|dak|gebouw)\b.{0,15}\bspring",
        r"\bspring(?:en)? (?:van|vanaf) (?:een|de|het) (?:flat|brug|dak|gebouw)\b",
        r"\b(?:me|mezelf|mijzelf) (?:op ?te ?hangen|ophangen)\b",
        r"\bwil slapen en niet meer\b",
        r"\been(?:de)? (?:einde?|eind) aan (?:alles|het allemaal)\b",
        r"\bvan het leven beroven\b|\bophouden te bestaan\b|\bweg (?:uit|van) (?:dit|het|deze) (?:leven|wereld)\b",
        r"\b(?:een )?touw (?:gekocht|klaar|klaarliggen|opgehangen)\b|\bheb een touw\b",
        r"\b(?:mezelf|mijzelf|zichzelf) (?:iets|wat) (?:wil |ga |zal |gaat )?(?:aandoe|aan doe|aandoet|aan doet|aandoen|aan doen)\b",
        r"\bpillen (?:\w+ )?klaar ?(?:liggen|leggen|gelegd)\b",
        r"\b(?:ons|hem|haar|mezelf|zichzelf) (?:\w+ )?iets aan te doen\b",
        r"\bnie?t? meer (?:willen |wil )?(?:leven|bestaan)\b|\bniet meer (?:wil|willen) leven\b",
        r"\bklaar met (?:het |mijn |dit )?leven\b|\btrek dit leven niet\b",
        r"\bgeen (?:zin|reden) (?:meer )?(?:om te leven|om nog te leven|in (?:het|mijn|dit) leven)\b",
        r"\bwaarom (?:zou|moet) ik nog (?:leven|verder)\b|\bwaarom ik nog leef\b",
        r"\b(?:wou|wilde|wens|hoop) (?:dat ik|ik was) dood\b|\bdat ik dood (?:was|ben)\b",
        r"\bniet meer wakker (?:word|wordt)\b|\bnooit meer (?:op ?staan|op te staan|wakker)\b",
        r"\bniet (?:haar|zijn|jouw|jullie) schuld is\b",
        r"\bdat het ophoudt\b.{0,20}\bvoorgoed\b",
        r"\bspullen (?:weggegeven|weg gegeven|weggeven)\b",
        r"\bniemand (?:zou|zal|gaat) me (?:\w+ )?missen\b",
        r"\bbeter (?:af )?(?:is |zijn )?zonder (?:mij|me)\b",
        r"\bslaappillen\b|\bparacetamol\b.{0,25}\b(?:ingenomen|geslikt|genomen)\b",
        r"\b(?:te veel|hele doos|hele strip|alle) (?:pillen|tabletten|medicijnen)\b.{0,15}\b(?:ingenomen|geslikt|genomen)\b",
        r"\bpillen (?:geslikt|ingenomen|klaarliggen|klaar liggen|al klaar|slik)\b|\bslik pillen\b|\bal (?:mijn|m'n|mn) medicijnen\b",
        r"\bhoeveel pillen\b|\bom dood te gaan\b|\bsnelste manier om\b",
        # asking for a lethal dose: "hoeveel paracetamol is dodelijk"
        r"\bhoeveel (?:paracetamol|tabletten|slaappillen|medicijnen|oxazepam|insuline)\b",
        r"\bdodelijke? (?:dosis|hoeveelheid)\b|\b(?:pillen|paracetamol|tabletten|medicijnen)\b.{0,30}\bdodelijk\b",
        r"\bik (?:ga|wil) het (?:vannacht|vanavond|vandaag|dit weekend|morgen) doen\b|\been plan om het\b",
        r"\bnaar het spoor\b|\b(?:gaat|ga|wil|gaan) springen\b",
        r"\bgarage\b.{0,40}\bmotor aan\b|\bmotor aan\b.{0,40}\bgarage\b",
        r"\b(?:mezelf|zichzelf|haarzelf|hemzelf|mijzelf) (?:\w+ ){0,2}gesneden\b|\bsnijdt (?:zichzelf|zich|haarzelf|hemzelf)\b|\bsnij(?:d)? (?:ik )?mezelf\b",
        r"\bstemmen in (?:mijn|mn|m'n) hoofd\b",
        # farewell messages, also about someone else
        r"\bafscheids?(?:bericht|berichtje|brief|app|appje)\w*|\b(?:mijn|zijn|haar|dit is) laatste (?:dag|appje|berichtje|bericht)\b|\blaatste (?:appje|berichtje)\b",
        r"\biedereen bedankt voor alles\b|\b(?:gelukkig|verder) (?:worden |zijn )?zonder mij\b",
        r"\bzorg goed voor (?:mama|papa|mam|pap)\b|\bhoeft me (?:niet )?(?:meer )?te zoeken\b",
        r"\bnooit meer zorgen (?:te )?(?:maken )?over mij\b|\bzon last was\b|\bzo'?n last was\b",
        r"\b(?:hond|kat|spullen) (?:\w+ )?hebben na (?:vanavond|vannacht)\b|\bkom (?:nie|niet) meer terug\b(?! op)",
        r"\bstop ik ermee voorgoed\b|\btestament ligt klaar\b",
        r"\b(?:gegeven|weggegeven)\b.{0,60}\bniet meer nodig\b|\bbij het spoor (?:staat|sta|staan)\b",
        r"\bdak van (?:haar|zijn|mijn|de|een|het) (?:flat|gebouw|parkeergarage)\b|\b(?:tuin)?slang\b.{0,30}\b(?:kofferbak|uitlaat)\b",
        r"\bniks meer om voor te leven\b|\bloop (?:nu )?naar het water\b|\bappt alleen nog sorry\b",
        # means
        r"\bgas (?:open ?gedraaid|opengezet|aangezet)\b|\bslang aan de uitlaat\b",
        r"\b(?:perron|rails)\b.{0,40}\b(?:trein|rustig|voor mij|springen)\b|\bvolgende trein is voor mij\b",
        r"\b(?:pillen|tabletten|medicijnen)\b.{0,30}\b(?:tellen|aan het tellen)\b|\bmedicijnvoorraad\b|\bpillendoosjes?\b",
        r"\btouw\b.{0,30}\bopgehangen\b|\bop het dak van\b|\bboven op het dak\b",
        # self-harm
        r"\b(?:heb|ik) (?:\w+ ){0,2}gekrast\b|\bkrast (?:in|op) (?:haar|zijn|mijn|mn) (?:arm|armen|been|benen|pols|polsen|huid)\b",
        r"\b(?:snij|snijd|snijden) (?:elke|iedere|weer|vandaag|nu)\b|\bheb (?:weer )?gesneden\b(?! (?:bij|in|met|tijdens))",
        r"\bscheermes\w*|\bmesje\b|\bsneen\b|\bsnee(?:en|ën|tjes)\b|\barmen (?:zijn|zitten) (?:kapot|open|vol)\b",
        r"\b(?:mezelf|mijzelf) (?:\w+ ){0,3}gebrand\b|\bbonk\w* (?:mn|mijn|m'n) hoofd\b|\bstopt (?:nie|niet) met bloeden\b",
        r"\b(?:sta|zit|ben|staan) (?:nu |hier )?(?:op het dak|op de rand van (?:het dak|de brug|de flat|het balkon)|op de brug|op het spoor|bij het spoor|boven op)\b",
        r"\bdat ik (?:morgen|straks|volgende week|dan) (?:nog|niet meer) (?:leef|er ben|besta)\b",
        r"\bafscheidsbrie\w*|\bmijn laatste bericht\b|\bafscheid (?:van iedereen|nemen van iedereen)\b",
        r"\bniet meer tegen het leven\b",
        # English
        r"\bkill(?:ing)? (?:myself|my self)\b",
        r"\bend(?:ing)? (?:my (?:own )?life|it all)\b",
        r"\b(?:want|wanna|going) to die\b",
        r"\bdon'?t want to (?:live|be alive|exist)\b",
        r"\bself[- ]?harm\w*",
        r"\bhurt(?:ing)? myself\b",
        r"\bno reason to live\b",
        r"\bdon'?t want to be (?:here|alive|around) (?:any ?more)?|\bbetter off without me\b",
        r"\btexted me goodbye\b|\bthis is it\b|\btake care of (?:mom|mum|dad) for me\b|\bsorry for everything\b",
        r"\bwon'?t need it after\b|\bafter tonight\b|\bstanding on the bridge\b|\bcut (?:myself )?again\b|\bwon'?t stop bleeding\b",
        r"\bveda\b|\bilaclari ictim\b|\bhepsini ictim\b|\bpozegnan\w*|\bskoczyc\b|\bskocze\b|وداع|ساقفز|اقفز",
        r"\b(?:took|taken|swallowed) (?:a |all |a whole |the )?(?:\w+ ){0,2}(?:pills|tablets|overdose)\b|\bsuicide note\b|\bleft a note\b",
        r"\b(?:railway|train) tracks?\b|\b(?:jump|jumping) (?:off|from)\b",
        r"\b(?:tell everyone|i'?m) sorry\b.{0,40}\b(?:goodbye|bye|forever|tracks|bridge|pills)\b",
        r"\bcan'?t wake (?:her|him|them)\b|\b(?:is )?unconscious\b",
        r"\bkopru\w*\b.{0,30}\b(?:atacag\w*|atlayacag\w*|atla\w*)|\bkendimi (?:\w+ )?(?:atacag\w*|atlayacag\w*)\b",
        r"\bdayanamiyorum\b.{0,60}\b(?:gece|olum|kendimi)\b",
        r"\bnie chce (?:juz )?(?:zyc|dluzej zyc)\b|\bskocze\b|\btabletk\w*",
        r"لا اريد ان اعيش|لم اعد اريد ان اعيش|ساقتل نفسي|الحبوب|حبوب",
        # Turkish (folded: ş->s, ö->o, ü->u, ı->i)
        r"\bintihar\w*",
        r"\bkendimi (?:oldur|as|oldurmek|asmak|oldurecegim)\w*",
        r"\bolmek istiyorum\b",
        r"\byasamak istemiyorum\b",
        # Polish (folded: ł->l, ć->c, ę->e, ż/ź->z, ś->s)
        r"\b(?:zabic|zabije|zabijam) sie\b|\bsie (?:zabic|zabije)\b",
        r"\bsamobojst\w*",
        r"\bnie chce (?:juz )?zyc\b",
        r"\bchce umrzec\b",
        # Arabic (folded alef)
        r"انتحار",
        r"انتحر",
        r"اقتل نفسي",
        r"اموت",
        r"انهي حيات|ينهي حيات|انهاء حيات|ينتحر",
    ],
    VIOLENCE: [
        r"\bhuiselijk geweld\b",
        r"\bgeweld (?:thuis|in huis|in (?:ons|mijn) gezin)\b",
        r"\bveilig thuis\b",
        r"\bkindermishandeling\b",
        r"\bouderenmishandeling\b",
        r"\bmishandel\w*",
        r"\bverkracht\w*",
        r"\baan(?:gerand|randing|randen)\b",
        r"\bseksueel (?:misbruik\w*|geweld|overschrijdend)\b",
        r"\bmisbruik(?:t|en|te)? (?:me|mij|ons|haar|hem|mijn|m'n|de kinderen)\b",
        r"\b(?:word|werd|wordt|worden|ben|is|zijn) (?:ik |we |wij |hij |zij |ze |mijn \w+ )?(?:steeds |vaak |weer |elke dag |regelmatig |soms )?(?:geslagen|geschopt|gewurgd|mishandeld|misbruikt|verkracht|aangerand|bedreigd|opgesloten|verwaarloosd)\b",
        r"\b(?:slaat|sloeg|slaan|schopt|schopte|wurgt|wurgde|duwt|duwde|knijpt|bijt|trapt|trapte|bedreigt|bedreigde|mishandelt|misbruikt) "
        + _VICTIM
        # "ze sloeg haar deur dicht" is no violence
        + r"\b(?! (?:deur|kamerdeur|voordeur)\b)",
        # "hij sluit me op", not "mijn vader sluit van alles af"
        r"\b(?:sluit|sloot) " + _VICTIM + r" (?:\w+ ){0,3}op\b",
        r"\bslaat (?:me|mij) (?:in elkaar|bont en blauw|verrot)\b",
        r"\b" + _VICTIM + r" (?:sloeg|slaat|schopte|schopt|mishandelde|mishandelt|wurgde|wurgt|bedreigde)\b",
        r"\b(?:de|een|met de|met een) riem (?:gehad|gekregen|geslagen)\b|\bmet (?:de|een) riem\b",
        r"\bbrandplek\w*|\bsigaret\w* (?:uitgedrukt|op (?:haar|zijn|mijn|mn) (?:arm|hand|been))",
        r"\bsigaret\w* (?:\w+ ){0,3}(?:uit|uitdrukt|uitgedrukt) op\b|\bstrijkijzer\b",
        r"\b(?:heeft|papa|mama|vader|moeder|hij|zij) (?:\w+ ){0,2}(?:mijn|mn|m'n|haar|zijn) arm gebroken\b",
        r"\b(?:sluiten|sluit|sloten|sloot) (?:me|mij|ons|haar|hem) (?:\w+ ){0,3}op\b",
        r"\b(?:krijgen|krijg|krijgt) (?:al \w+ dagen |thuis )?geen eten\b|\bgeen eten (?:krijgt|krijgen|krijg)\b",
        r"\b(?:mama|papa|moeder|vader) is (?:\w+ ){0,3}niet (?:thuis )?(?:gekomen|thuisgekomen)\b",
        r"\bons geheim\b|\bvieze berichten\b|\bfotos? naar (?:mn|mijn) school\b",
        r"\b(?:aanraakt|aanraken|aangeraakt|betast\w*|aanzit)\b.{0,50}\b(?:niet mag|niet wil|plekken|prive)\b",
        r"\b(?:peuter|kindjes?|baby|zoontje|dochtertje)\b.{0,90}\b(?:alleen (?:thuis|achter|op straat|buiten|in (?:huis|de auto))|niemand doet open|niemand thuis)\b",
        r"\bvoordeur op slot\b.{0,40}\bsleutel\b|\b(?:steekt|steken) (?:me|mij|ons|het huis) in de fik\b|\bom het af te maken\b",
        r"\b(?:tracker|zendertje)\b.{0,40}\b(?:auto|tas|fiets)\b|\bauto in getrokken\b|\bwacht me (?:elke dag )?op\b",
        r"\b(?:gedwongen|dwingen|dwingt|moet) (?:\w+ ){0,4}trouwen\b|\bnaar het buitenland te sturen\b",
        r"\b(?:pakt|neemt) (?:haar|zijn) (?:pensioen|aow)\b|\bnatte luier\b",
        r"\bduwde (?:\w+ ){0,3}van de trap\b|\bvan de trap (?:geduwd|gegooid)\b",
        r"\bkomt (?:'s nachts|s nachts|snachts|'snachts) (?:op|in|bij|naar) (?:mijn|mn|m'n) (?:kamer|bed)\b",
        r"\b(?:naakt ?foto\w*|grooming|sextortion|chanteer\w*|chantage)\b",
        r"\bfoto'?s\b.{0,80}\b(?:dochter|zoon|kind|meisje|jongen) van (?:1[0-7]|[0-9])\b|\b(?:dochter|zoon|kind|meisje|jongen) van (?:1[0-7]|[0-9])\b.{0,100}\bfoto'?s\b",
        r"\b(?:volgt|achtervolgt|stalkt) (?:me|mij|ons)\b|\bstalk(?:er|ing)\b",
        r"\b(?:sluit|sloot) (?:me|mij|haar|hem|ons) op\b|\b(?:word|werd|wordt|worden) (?:\w+ ){0,2}opgesloten\b",
        # locked in by the household: "ze doen de deur op slot als ik alleen naar buiten wil"
        # (not a carer who locks the door for a parent with dementia: the writer is the one kept in)
        r"\b(?:doen|doet|deden|deed|draaien|draait|zetten|zet) (?:de |mijn )?(?:voor|achter)?deur op slot als (?:ik|wij|we) "
        r"(?:\w+ |'s \w+ ){0,3}(?:naar buiten|de deur uit|weg) (?:wil|wilt|willen)\b",
        r"\b(?:zit|zitten|heeft|hebben) (?:\w+ ){0,3}opgesloten in\b|\bopgesloten in (?:de|het|hun|haar|zijn|mijn) (?:badkamer|slaapkamer|kamer|huis|appartement|auto|kelder|schuur|wc)\b",
        r"\b(?:word|werd|wordt) (?:\w+ )?achtervolgd\b|\bonder water (?:geduwd|gehouden)\b|\bgeduwd door (?:zijn|haar|mijn|m'n|mn|de) \w+",
        r"\b(?:me|mij|ons|het huis) in de fik (?:steekt|steken|zet)\b",
        r"\b(?:'s nachts|s nachts|snachts) bij (?:haar|hem|me|mij) in bed\b",
        r"\b(?:baby|peuter|kinderen|kind)\b.{0,30}\b(?:'s nachts|s nachts|snachts) alleen\b",
        r"\b(?:pensioen|aow|bankpas|pinpas) (?:opmaakt|afpakt|afgepakt|inpikt)\b",
        r"\bin elkaar (?:geslagen|getrapt|slaan)\b",
        r"\bblauwe plekken\b|\bblauw oog\b",
        r"\b(?:heb|heeft|hebben|had|hadden) (?:\w+ ){0,4}(?<!alarm )(?<!klok )(?:geslagen|geschopt|gewurgd|mishandeld)\b",
        r"\bgeslagen (?:word|worden|wordt)\b|\bthuis geslagen\b|\bgewurgd\b",
        r"\bbang (?:voor )?wat hij (?:gaat|zal) doen\b",
        r"\b(?:mijn|mn|m'n) (?:man|vriend|partner|ex|vader|stiefvader|vrouw|vriendin)\b.{0,30}\bgooit met\b",
        r"\bdood ?maakt\b|\btrapt de deur in\b|\bdeur (?:in ?getrapt|intrappen)\b",
        r"\bvrouwenopvang\b|\bblijf van mijn lijf\b|\blaat me niet gaan\b",
        r"\bdingen (?:bij|met) (?:me|mij)\b.{0,25}\bniet wil\b",
        r"\bik ben (?:\w+ ){0,2}weggelopen\b|\b(?:zoon|dochter|kind) (?:\w+ ){0,3}weggelopen\b",
        r"\bdoor elkaar (?:schudden|geschud|schudt|schudde)\b|\bvastgebonden\b",
        r"\b(?:peuter|kleuter|baby|kind)\b.{0,40}\balleen (?:op straat|buiten)\b|\bmidden in de nacht alleen\b",
        r"\bvieze luiers\b|\bdagen zonder eten\b",
        r"\bgeduwd (?:dat|zodat) (?:hij|zij|ze|ik) (?:viel|vielen)\b|\b(?:zo |heel )?hard geduwd\b",
        r"\bdoodsbang (?:voor|van) (?:hem|haar|mijn|m'n|mn|zijn)\b",
        r"\b(?:kind|kinderen|kindjes|peuter|peuters|kleuters?|baby|zoontje|dochtertje|broertje|zusje)\b.{0,40}\b(?:al|sinds) (?:\w+ ){0,2}(?:dagen|nachten|gisteren|eergisteren)\b.{0,30}\balleen\b|\b(?:dagen|nachten) alleen thuis\b",
        r"\b(?:zit|zat|zitten|zaten) (?:\w+ ){0,2}aan (?:haar|hem|me|mij)\b.{0,60}\b(?:alleen|bed|nacht|naar huis|niemand|mag het niet)",
        r"\bbang (?:voor|van) (?:mijn|m'n|mn|haar|zijn|de) " + _PARTNER + r"\b",
        r"\bbang (?:voor|van) (?:hem|haar) (?:als|wanneer|omdat)\b",
        r"\bbang dat (?:hij|zij|ze|mijn "
        + _PARTNER
        + r") (?:me|mij|ons|de kinderen|haar|hem) (?:iets )?(?:aandoet|aan doet|slaat|vermoordt|pijn doet)",
        r"\b(?:dreigt|dreigde|dreigen) (?:me|mij|ons|haar|hem|de kinderen)? ?(?:iets aan te doen|te vermoorden|dood te maken|te slaan|kapot te maken|af te maken|pijn te doen|te vinden)\b",
        r"\bvermoord\w*",
        r"\bdoodmaken\b|\bdood (?:te )?maken\b",
        r"\bkomt (?:'s nachts|s nachts|snachts|'snachts|soms|vaak|steeds)? ?(?:aan (?:me|mij)|bij (?:me|mij) in bed|aan mijn lichaam)\b",
        r"\bzit(?:ten)? (?:steeds |vaak |soms )?aan (?:me|mij|mijn lichaam)\b",
        r"\bongewenst (?:aangeraakt|aanraken|aanrakingen)\b",
        r"\b(?:durf|durft|durven) (?:\w+ )?niet (?:meer )?naar huis\b|\b(?:wil|wilt) (?:\w+ )?niet meer naar huis\b",
        r"\bniet (?:meer )?naar huis (?:durf|durft|durven)\b|\bniet meer naar huis (?:wil|wilt|willen)\b",
        r"\baan (?:haar|hem|me|mij|mn|mijn) (?:lichaam )?(?:zit|zat|zitten|komt|kwam)\b",
        r"\bniet (?:meer )?veilig (?:thuis|in (?:mijn|m'n|ons) huis|bij (?:mijn|m'n) " + _PARTNER + r")\b",
        r"\bthuis (?:is het )?niet (?:meer )?veilig\b",
        r"\bkind(?:eren)? (?:wordt|worden) (?:\w+ )?(?:geslagen|mishandeld|misbruikt|verwaarloosd)\b",
        r"\b(?:kind|kinderen|baby|peuter|moeder|vader|oma|opa|hem|haar|ze|hij|zij) (?:\w+ ){0,3}verwaarloo\w*|\bverwaarloosd\b",
        r"\bharde klappen\b",
        r"\bloverboy\b",
        r"\beerwraak\b|\beergerelateerd\b|\buithuwelijk\w*",
        # English
        r"\b(?:hits|beats|hit|beat|abuses|abused|hurts|rapes|raped|threatens) (?:me|us|my)\b",
        r"\bdomestic (?:violence|abuse)\b",
        r"\blocked me in\b|\bsend my nudes\b|\bnudes\b|\bwith a knife\b|\bbeating her\b|\blocks her in\b|\btakes her pension\b",
        r"\boldurecegini\b|\boldurecek\b|\bkilitledi\b|\btekme\b|\bnamus\b",
        r"\bzamknal\w*|\bnozem\b|\bsledzi\b|\bgrozi\w*",
        r"بالقتل|حبسني|يهددني",
        r"\b(?:is )?(?:hitting|beating|abusing|hurting|choking) me\b",
        r"\bafraid of my (?:husband|partner|boyfriend|father|wife)\b",
        r"\b(?:beats|hits|beat|hit|hurts|abuses) (?:his|her|their|the) (?:kids|children|child|son|daughter|wife|girlfriend)\b",
        # Turkish
        r"\bdov(?:uyor|du|er)\b",
        r"\bsiddet\w*",
        # Polish
        r"\bbije (?:mnie|nas|dzieci)\b",
        r"\bbije (?:swoje|jego|jej|moje) \w+",
        r"\bmnie bije\b",
        r"\bprzemoc\w*",
        # Arabic
        r"يضربني",
        r"يضربنا",
        r"يضرب",
        r"عنف",
    ],
    DANGER: [
        r"^\s*112\b",
        r"\b(?:bel|bellen|belt) 112\b",
        r"\blevensgevaar\w*",
        r"\b(?:ik ben|wij zijn|we zijn|ben ik|zijn we|hij is|zij is|ze is|kind is|kinderen zijn|zijn leven is|haar leven is|mijn leven is) (?:nu |echt )?in (?:acuut |direct )?gevaar\b",
        r"\b(?:heeft|met|pakt|pakte|zwaait met|draagt) (?:een |zijn |haar )?(?:mes|pistool|wapen|vuurwapen|geweer|bijl|knuppel|honkbalknuppel|hamer|schaar)\b",
        r"\bbewusteloos\b",
        r"\bademt niet\b",
        r"\boverdosis\b",
        r"\b(?:ghb|xtc|drugs|pillen)\b.{0,60}\b(?:schokken|bewusteloos|niet wakker|reageert niet|ademt)",
        r"\b(?:ligt|lag) (?:nu )?te schokken\b|\breageert nergens (?:meer )?op\b|\b(?:ligt|zit) (?:\w+ ){0,3}en reageert niet\b",
        r"\bkrijg (?:haar|hem|hun|ze) niet (?:meer )?wakker\b",
        r"\bligt op de grond\b.{0,40}\b(?:hulp|roept|beweegt)|\bniet (?:meer )?aanspreekbaar\b",
        r"\bademt (?:heel )?(?:raar|vreemd|niet)\b|\bkrijgt geen lucht\b|\bkrijg geen lucht\b",
        r"^\W*brand\b|\biemand in het water\b|\bligt (?:iemand )?in het water\b",
        r"\b(?:ben|word|werd) (?:net |zojuist |vanavond )?aangevallen\b|\bbloed (?:heel )?(?:erg|veel)\b|\bhet bloed stopt niet\b",
        # "zij heeft veel bloed en veel pijn in de buik" (seven months pregnant)
        # (not "veel bloedverlies" with a period or after giving birth, not blood donated)
        r"\b(?:heeft|verliest|verloor|had|hebben|heb) (?:heel |erg |zo |ineens )?veel bloed\b(?! gegeven| geprikt| laten| afgenomen| gedoneerd)",
        r"\bbrand in (?:de|het|ons|onze|mijn)\b|\b(?:de|veel|dikke|zwarte) rook\b.{0,40}\b(?:komt|binnen|trap|vloer|gang)\b",
        r"\b(?:vol|onder de deur|komt) (?:\w+ ){0,2}rook\b|\brook onder\b|\bin brand\b",
        r"\bflauwgevallen\b|\bademt bijna niet\b|\bogen draaien weg\b|\bsoort aanval\b|\bniet wakker te krijgen (?:na|door)\b",
        r"\bruiken gas\b|\bruik(?:en|t)? (?:(?!geen\b)\w+ ){0,3}gas\b(?! meer)|\bgaslucht\b|\bgootsteenontstopper\b|\b(?:kind|zoon|dochter|baby) (?:\w+ ){0,3}(?:gedronken|ingeslikt)\b",
        r"\bnet aangevallen\b",
        r"\b(?:er is|het is) brand\b|\bhuis staat in brand\b|\bstaat in (?:de )?brand\b",
        r"\bbang (?:voor|om) (?:mijn|m'n|ons) leven\b",
        # threats: "ze weten op welke school mijn dochter zit", "dat ik het niet overleef als
        # ik aangifte doe", tyres slashed
        r"\b(?:weten|weet) (?:\w+ ){0,2}(?:waar (?:ik|we|wij|mijn|mn|m'n|onze) (?:\w+ )?(?:woon|wonen|woont|werk|zit)|op welke school)\b",
        r"\bniet (?:zal |zou )?overle(?:ef|eft|ven) als\b",
        r"\bbanden (?:\w+ )?(?:lek ?gestoken|doorgesneden|kapot ?gestoken)\b",
        r"\bwil (?:zichzelf|iemand|hem|haar|zich) (?:iets aandoen|van kant maken|doden|ophangen)\b",
        r"\bdreigt (?:zichzelf|zich) (?:iets aan te doen|van kant te maken|te doden|op te hangen)\b",
        r"\bhelp(?:t)? (?:me|mij|ons)? ?(?:nu|snel|alsjeblieft|aub)?\s*!{2,}",
        r"\bnoodgeval\b",
        # acute medical emergencies told calmly (112): the signs of a stroke, a heart
        # attack, no breath, an overdose just taken, a dangerous sugar level, an allergic
        # reaction; "ik heb vorig jaar een beroerte gehad" names no sign and does not match
        r"\b(?:mond|(?:linker|rechter)?mondhoek|gezicht) (?:\w+ ){0,2}(?:hangt|zakt|trekt) (?:\w+ ){0,2}(?:scheef|naar beneden|weg)\b"
        r"|\bscheve mond\b|\b(?:hangt|zakt) (?:zijn|haar|de|z'n|zn) (?:linker|rechter)?mond(?:hoek)?\b",
        r"\b(?:praat|spreekt|sprak)(?: (?:ze|hij|zij))? (?:ineens |opeens |plotseling |sinds \w+ \w+ )?(?:raar|vreemd|onduidelijk|dubbel|met dubbele tong)\b"
        r".{0,80}\b(?:arm|been|mond|gezicht|viel|gevallen|hangt|scheef)\b",
        r"\b(?:drukkend|knellend|benauwd|zwaar) gevoel op (?:de|mijn|m'n|mn|zijn|z'n|haar) borst\b"
        r"|\bpijn op (?:de|mijn|m'n|mn|zijn|z'n|haar) borst\b.{0,80}\b(?:arm|kaak|zweet|bezweet|misselijk|benauwd|uur)\b",
        r"\b(?:linkerarm|arm|kaak) (?:\w+ ){0,2}(?:tintelt|tintelen|straalt|voelt dood)\b.{0,60}\b(?:borst|benauwd|pijn)\b"
        r"|\b(?:borst|benauwd)\b.{0,80}\b(?:linkerarm|arm|kaak) (?:\w+ ){0,2}(?:tintelt|tintelen|straalt)\b",
        r"\b(?:alle|al (?:mijn|haar|zijn) |een hele (?:strip|doos|pot) |een strip |een doos |een pot )"
        r"(?:pillen|tabletten|medicijnen|paracetamol|slaappillen|oxazepam|antidepressiva)\b.{0,30}\b(?:ingenomen|geslikt|genomen|op)\b",
        r"\b(?:suiker|bloedsuiker|diabeet|diabetes|insuline)\b.{0,80}\b(?:verward|suf|bezweet|trilt|niet aanspreekbaar|wegzakt)\b",
        r"\b(?:keel|tong|lippen|gezicht) (?:\w+ ){0,2}(?:zwelt|zwellen|dik|opgezwollen)\b.{0,60}\b(?:lucht|adem|benauwd|slikken)\b",
        r"\bloopt (?:helemaal )?blauw aan\b|\bkrijgt (?:bijna )?geen (?:lucht|adem)\b|\bkan (?:bijna )?niet (?:meer )?ademen\b",
        # English and others
        r"\b(?:emergency|in danger|has a knife|has a gun)\b",
        r"\bsmoke\b|\bshaking on the floor\b|\bnot responding\b|\bnot breathing\b",
        r"\byangin\b|\bduman\b|\bnie oddycha\b|\bpozar\b|حريق|الدخان",
        r"\bacil\b|\bimdat\b",
        r"\bratunku\b",
        r"النجدة",
    ],
    HOMELESS: [
        r"\bgeen (?:slaapplek|slaapplaats|onderdak|dak boven (?:mijn|m'n|mn|ons|het) hoofd|plek om te slapen|slaapplek meer|plek waar ik kan slapen|huis meer|woning meer)\b",
        r"\bdakloos\b",
        r"\bthuisloos\b",
        r"\b(?:eruit|buiten|de deur uit) (?:gegooid|gezet|geschopt)\b(?! (?:bij|op) (?:de|het|mijn|m'n|mn|ons|die) (?:werk|fabriek|baan|bedrijf|zaak|school|opleiding))",
        r"\bhet huis uit (?:gezet|gegooid|geschopt)\b|\bnoodopvang\b|\bgevlucht (?:voor|van|met) (?:mijn|m'n|mn|hem|haar)\b|\buit de opvang (?:gestuurd|gezet|gegooid)\b",
        r"\bheb geen (?:andere )?(?:plek|plaats)(?: om te slapen| voor vannacht| meer)?\W*$|\bheb geen (?:andere )?(?:plek|plaats) (?:om te slapen|voor vannacht|om heen te gaan)\b",
        r"\b(?:vannacht|vanavond) geen (?:bed|dak|plek)\b|\bopvang zit vol\b|\bheb geen huis\b|\bin het fietsenhok\b",
        r"\b(?:schuur|fietsenhok|portiek|tent) (?:moet )?(?:slapen|geslapen)\b|\bin de schuur moet slapen\b",
        r"\b(?:zwerf|zwerven|leef|leven|slaap|slapen) (?:\w+ ){0,3}op straat\b",
        r"\bnachtopvang\b",
        r"\b(?:op|aan) straat (?:gezet|gegooid|beland|staan|sta|slapen|slaap|leven|leef)\b",
        r"\b(?:sta|staan|slaap|slapen|ben|zijn) " + _TONIGHT + r" (?:op straat|buiten)\b",
        r"\bop straat\b.{0,30}\b" + _TONIGHT + r"\b",
        r"\b" + _TONIGHT + r"\b.{0,30}\bop straat\b",
        r"\b(?:uit (?:huis|de woning|mijn huis)|de deur uit) (?:gezet|gegooid|geschopt)\b",
        r"\b(?:slaap|slapen|sliep|sliepen)\b.{0,30}\b(?:in (?:mijn|m'n|mn|de|een|onze) (?:auto|tent|portiek|park|schuur|fietsenstalling)|op straat|op een bankje|in het park|bij het station)\b",
        r"\b(?:slaap|slapen|sliep|sliepen) (?:vannacht |vanavond |al \w+ nachten )?buiten\b",
        r"\bnergens (?:om |meer )?(?:te )?slapen\b",
        r"\bnergens (?:heen|naartoe)\b.{0,20}\b(?:vannacht|vanavond|slapen)\b",
        r"\bwaar (?:moet|kan|moeten|kunnen) (?:ik|we|wij) (?:vannacht |vanavond |nu |dan )?slapen\b",
        r"\b(?:waar|wie) (?:moet|kan|moeten|kunnen) (?:ik|we|wij) (?:vannacht|vanavond) (?:heen|naartoe|terecht)\b",
        r"\b(?:sta|staan|kom|komen|beland|belanden) (?:ik |we |wij )?(?:straks |morgen |binnenkort |dan |echt )?op straat\b",
        # "ik sta met mijn kinderen op straat", "we staan met een baby en een peuter op straat"
        r"\b(?:sta|staan|stond|stonden) (?:ik |we |wij |nu )?met (?:mijn|m'n|mn|onze|ons|de|een|twee|drie|vier) (?:\w+ ){0,4}op straat\b",
        r"\bgeen plek (?:om|waar ik)\b.{0,20}\bslapen\b",
        # English, Turkish, Polish, Arabic
        r"\bhomeless\b|\bnowhere to (?:sleep|stay|go)\b|\bon the street\b",
        r"\bkicked (?:me )?out\b|\bthrew me out\b|\b(?:sleep|sleeping) (?:outside|in (?:my|the) car|at the station)\b",
        r"\bnie mam gdzie (?:spac|mieszkac|isc)\b|\bna dworcu\b",
        r"\beksmit\w*|\bspie w samochodzie\b",
        r"\bkalacak yer\w*|\bnerede (?:uyuyacag|kalacag)\w*|\bevden (?:atti|atildi|kovdu)\w*",
        r"طردني|طردونا|سننام|انام الليله|نعرف اين|مكان انام|انام فيه",
        r"\bevsiz\w*|\bsokakta\b",
        r"\bbezdomn\w*|\bna ulicy\b",
        r"بلا مأوى|في الشارع",
    ],
}

_COMPILED: dict[str, list[re.Pattern[str]]] = {
    kind: [re.compile(fold_pattern(p)) for p in patterns] for kind, patterns in _PATTERNS.items()
}

#: figures of speech that use crisis words about a job, a bill, a search or a thing in the
#: street; they are taken out of the text before the rules look (the crisis reader still
#: reads them). Only things, never people, as the subject: "mijn man vermoordt me nog"
#: stays a crisis.
_FIGURES = re.compile(
    fold_pattern(
        r"\b(?:baan|werk|solliciteren|school|stress|administratie|papierwinkel|rekening|\w+rekening|rekeningen|"
        r"schulden|huur|hypotheek|lening) (?:\w+ )?(?:vermoordt|vermoorden|wurgt|wurgen|verstikt|verstikken) (?:me|mij|ons)\b"
        r"|\bzie het (?:echt |gewoon |helemaal )?niet meer zitten met (?:het |dat |al dat |die |mijn )?"
        r"(?:solliciteren|sollicitaties|zoeken naar werk|werk zoeken|baan|studie|opleiding|school|huiswerk)\b"
        r"|\b(?:boom|tak|tegel|stoeptegel|kruispunt|oversteek\w*|fietspad|kuil|bocht|rotonde|drempel|lantaarnpaal)\b"
        r"[^.!?]{0,60}\blevensgevaarlijk\w*"
        r"|\blevensgevaarlijke? (?:boom|tak|tegel|stoeptegel|kruispunt|oversteek\w*|fietspad|kuil|bocht|rotonde)\b"
    )
)

#: a request for information about a subject, not a situation: a school project, figures,
#: a talk for the neighbourhood ("voor mijn werkstuk: hoeveel meldingen van huiselijk geweld")
_INFORMATION_REQUEST = re.compile(
    fold_pattern(
        r"\b(?:spreekbeurt|werkstuk|profielwerkstuk|scriptie|presentatie|opleiding|studie|college|"
        r"voorlichting|informatieavond|cursus|interview\w*|onderzoek|maatschappijleer|burgerschap)\b"
    )
)
#: words that name the subject of such a request; in a request they are no signal on their
#: own (any rule about what happens to someone still fires)
_SUBJECT_WORDS = re.compile(
    fold_pattern(
        r"\bhuiselijk geweld\b|\bkindermishandeling\b|\bouderenmishandeling\b|\bveilig thuis\b|"
        r"\bvrouwenopvang\b|\bnachtopvang\b|\bloverboy\w*|"
        # people in general, not "ik ben dakloos"
        r"\b(?:mensen|jongeren|vrouwen|gezinnen|kinderen|daklozen) (?:\w+ ){0,3}dakloos\w*|"
        # the subject, not "ik denk aan suïcide"
        r"\bsu[iï]?[cs]idepreventie\b"
        r"|\b(?:over|naar|rond|onderzoek(?:en)? (?:ik|we|wij)) (?:\w+ )?(?:su[iï]?[cs]id\w*|zelfdoding|zelfbeschadig\w*)"
    )
)


def _without_figures(folded: str) -> str:
    text = _FIGURES.sub(" ", folded)
    if _INFORMATION_REQUEST.search(text):
        text = _SUBJECT_WORDS.sub(" ", text)
    return text


@dataclass(frozen=True)
class CrisisSignal:
    """One crisis kind found in a message; ``pattern`` says which rule fired (for tests
    and debugging only: the message text itself is never logged)."""

    kind: str
    pattern: str


def detect(text: str) -> list[CrisisSignal]:
    """Every crisis kind whose rules match ``text``, in the order of :data:`KINDS`."""
    variants = [_without_figures(v) for v in fold_variants(text)]
    found = []
    for kind in KINDS:
        for pattern in _COMPILED[kind]:
            if any(pattern.search(v) for v in variants):
                found.append(CrisisSignal(kind, pattern.pattern))
                break
    return found


def kinds(text: str) -> list[str]:
    """The crisis kinds in ``text`` (empty list: no crisis signal)."""
    return [signal.kind for signal in detect(text)]
