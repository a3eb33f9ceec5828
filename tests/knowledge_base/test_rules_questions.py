"""Which questions ask about rules and rights (``knowledge_base.rules_questions``). The
sentences are written for these tests; the second list is what a review of the first
version found it got wrong."""

import pytest

from knowledge_base.rules_questions import asks_about_rules


@pytest.mark.parametrize(
    "question",
    [
        "mag ik bijverdienen naast mijn uitkering?",
        "Hoeveel uur mag een scholier van 15 werken?",
        "mijn buurman zegt dat ik dan minder krijg, klopt dat?",
        "Heb ik recht op een toeslag nu mijn man overleden is?",
        "word ik gekort als ik vrijwilligerswerk ga doen",
        "Is het toegestaan om naast de AOW te werken?",
        "moet ik dat allemaal terugbetalen, ik heb het niet",
        "mogen we onze dochter van 16 laten stoppen met school?",
        "de energierekening is 900 euro, moet ik dat echt betalen?",
        "vrijwilligerswerk met uitkering mag dat",
        # from the review
        "Kan ik bijverdienen naast de bijstand?",
        "kom ik in aanmerking voor bijzondere bijstand?",
        "wat zijn mijn rechten als ik ontslagen word?",
        "Mag de gemeente zomaar mijn uitkering stopzetten?",
        "mag de deurwaarder mijn auto meenemen?",
        "mag m'n dochter van 15 al in een supermarkt werken?",
        "mag ik niet meer werken als ik in de ziektewet zit?",
        "ben ik verplicht om te solliciteren als ik bijstand krijg?",
        "moet ik de boete van het CJIB betalen als ik geen geld heb?",
        "moet dat allemaal terugbetaald worden?",
        "wordt mijn uitkering lager als mijn vriend bij mij komt wonen?",
        "mag ik vragen hoeveel ik mag bijverdienen naast mijn uitkering?",
        "klopt het dat ik mijn toeslag moet terugbetalen?",
        "mogen jullie zomaar beslag leggen op mijn loon?",
        "ik ben 63 en zit in de bijstand, moet ik dan nog solliciteren?",
        "ik ga 1 dag vrijwilligerswerk doen, moet ik dat melden?",
        # an objection to a decision (eighth session)
        "kan ik bezwaar maken tegen de aanslag?",
        "ik wil een bezwaarschrift schrijven maar weet niet hoe",
        "mijn kwijtschelding is afgewezen, kan ik daar nog wat tegen doen?",
        "de boete is verhoogd. Wat kan ik ertegen doen?",
        "moet ik nog solicitteren als ik in de bijstand zit ben 63",
        # whether a rule applies to the writer, and "moet dat?" on its own
        "Ik heb gehoord dat er zorgverlof bestaat, maar ik weet niet of dat voor mij geldt.",
        "geldt dat ook voor mij?",
        "mn moeder vraagt of ik mee wil betalen aan de huur. moet dat eigenlijk??",
        # someone's power over the writer with a bare noun, and a decision about an income (ninth session)
        "mag school dat zomaar bepalen?",
        "mogen werkgevers dit vragen bij een sollicitatie",
        "Mijn uitkering is stopgezet, wat nu?",
        "mn bijstand is ineens gestopt omdat ik een brief niet had teruggestuurd",
        "de toeslag wordt ingetrokken zeggen ze",
        "mn klantmanager wil dat ik 32 uur ga werken. moet ik dit echt doen??",
        # keeping or losing a benefit, a duty, an exemption, an objection (after kb_blind23)
        "raak ik mn bijstand kwijt als ik een paar uur ga werken?",
        "dan verlies ik toch m'n toeslagen??",
        "Moet ik vrijwilligerswerk doen om mijn uitkering te houden?",
        "telt vrijwilligerswerk ook mee voor de sollicitatieplicht?",
        "ik moet naar een gesprek anders stoppen ze mn uitkering",
        "Ik moet van de gemeente solliciteren maar ik zorg voor mijn man",
        "kan ik ontheffing krijgen van de arbeidsverplichting?",
        "graag informatie over de bezwaarprocedure",
        "We kregen een beschikking voor 8 uur begeleiding. Wij kunnen ons hier niet in vinden.",
        "ik ben het niet eens met het besluit over mijn uitkering",
        # from the review of the ninth session's rules
        "moet ik dit echt allemaal doen??",
        "mijn huurtoeslag is stopgezet",
        "Mijn ww-uitkering is stopgezet.",
        "De gemeente heeft mijn bijstand stopgezet, wat nu?",
        # from kb_blind25's first run (tenth session): a duty asked with "moet ... verplicht",
        # a benefit that may stop, money the municipality wants back
        "moeten we met een uitkering verplicht een cursus doen?",
        "Stopt mijn ww als ik ga studeren?",
        "als ik 16 uur ga werken, vervalt dan mijn huurtoeslag?",
        "Ik kreeg een brief over een terugvordering van mijn bijstand.",
        "de gemeente vordert 800 euro bijstand terug, ik snap niet waarom",
    ],
)
def test_a_question_about_what_is_allowed_or_owed_asks_about_rules(question):
    assert asks_about_rules(question)


@pytest.mark.parametrize(
    "question",
    [
        "Mag ik u iets vragen over mijn vader?",
        "mag ik ff met iemand praten over mn zoon",
        "mag ik ook zelf ergens hulp vragen",
        "Sinds mijn operatie mag ik niet meer tillen en nu zit ik thuis",
        "ik zorg voor mijn moeder en ben moe",
        "Magda zoekt werk als kapster",
        # from the review
        "ik wil mijn schulden terugbetalen maar ik weet niet hoe",
        "hoe kan ik mijn schuld in termijnen terug betalen?",
        "klopt het dat de voedselbank alleen op dinsdag open is?",
        "klopt het dat ik bij jullie hulp kan krijgen met formulieren?",
        "mag ik zonder afspraak binnenlopen bij de schuldhulp?",
        "mag ik anoniem blijven?",
        "mag ik iemand meenemen naar het gesprek?",
        "mag ik een afspraak maken bij het jongerenloket",
        "mag ik hulp bij het invullen van formulieren",
        "ik mag het eigenlijk niet zeggen van mijn man, maar we hebben schulden",
        "ik mag mijn baan houden maar krijg minder uren, hoe kom ik rond",
        "ik voel me niet goed, klopt het dat er een inloop is?",
        "het klopt gewoon niet meer thuis, we maken alleen ruzie",
        "ik zoek werk, mag ik langskomen bij het werkplein?",
        "mag ik mijn verhaal even kwijt",
        "ik moet solliciteren maar weet niet hoe je een goede brief schrijft",
        # "daar iets tegen doen" without a decision is about the problem itself
        "mijn zoon wordt gepest, wat kan ik daartegen doen?",
        "we hebben zoveel ruzie thuis, kan ik er iets tegen doen",
        "ik kan er niks aan doen dat mijn aanvraag is afgewezen, ik wil gewoon hulp",
        "ik wil een cv maken maar hoe moet dat?",
        "ik weet niet hoe dat moet met al die formulieren",
        # "mag" before a bare noun that is the writer, and an income that ended as the story's time
        "mag ik dat aan jullie vragen?",
        "sinds mijn uitkering is gestopt heb ik een huurachterstand",
        "ik wil een cv maken. hoe moet ik dat doen?",
        # "niet eens" as "not even", a lost job, a disagreement without a decision
        "De Belastingdienst stuurde een aanslag. Mijn vriend weet niet eens hoe erg het is.",
        "ik ben mijn baan kwijt en zoek nieuw werk",
        "mijn zoon en ik zijn het nooit met elkaar eens, we maken alleen ruzie",
        # asking for help with a bare noun after "mag", "moet ik het doen" told, an income
        # that ended as the story's time (from the review)
        "mag iemand dat voor mij invullen?",
        "mag mama het ook lezen?",
        "dan moet ik het wel doen.",
        "nadat mijn uitkering is gestopt heb ik schulden gemaakt",
        "toen mijn ww werd stopgezet ging het mis",
        # a benefit that stops, told and not asked; "moet ik" without a duty
        "mijn ww stopt volgende maand en ik heb nog geen werk",
        "ik moet verplicht naar de tandarts maar het geld is op",
    ],
)
def test_asking_for_help_or_telling_a_fact_is_not_a_question_about_rules(question):
    assert not asks_about_rules(question)


def test_a_question_in_a_later_sentence_counts():
    assert asks_about_rules("Ik heb een uitkering. Ik wil 12 uur werken in de schoonmaak. Mag dat?")


def test_may_told_as_part_of_the_story_does_not_count_but_asked_does():
    assert not asks_about_rules("Door mijn knie mag ik niet meer rijden. Wie helpt mij aan ander werk")
    assert asks_about_rules("Door mijn knie mag ik niet meer rijden. Mag ik dan een opleiding doen?")
