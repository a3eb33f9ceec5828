"""The B1 check: every Dutch answer text must stay readable (see bot/readability.py)."""

import pytest

from bot.readability import answer_texts, distribution, measure, sentences, syllables

#: B1 limits for every single answer text
MAX_SENTENCE_WORDS = 20
MIN_FLESCH_DOUMA = 45
MAX_LONG_WORD_SHARE = 0.25
#: and for all texts together
MIN_MEAN_FLESCH_DOUMA = 70
MIN_SHARE_STANDARD_OR_EASIER = 0.85  # Flesch-Douma 60 or more


@pytest.mark.parametrize(
    "word, expected",
    [("kind", 1), ("mantelzorg", 3), ("ideeën", 3), ("schuldhulpverlening", 5), ("uitkering", 3), ("14", 1)],
)
def test_syllables_are_counted_as_vowel_groups(word, expected):
    assert syllables(word) == expected


def test_sentences_split_on_end_marks_and_new_lines():
    assert sentences("Bel de gemeente. Of kijk op de website!\nDag") == [
        "Bel de gemeente.",
        "Of kijk op de website!",
        "Dag",
    ]


def test_flesch_douma_follows_the_formula():
    m = measure("Ik heb een kat. Hij is lief.")  # 7 words, 2 sentences, 7 syllables
    assert (m.words, m.sentences, m.syllables) == (7, 2, 7)
    assert m.flesch_douma == pytest.approx(206.835 - 0.93 * 3.5 - 77 * 1.0)


def test_a_text_full_of_jargon_scores_as_hard():
    jargon = "Maatwerkvoorzieningen worden toegekend na een integrale multidisciplinaire probleemanalyse."
    assert measure(jargon).flesch_douma < MIN_FLESCH_DOUMA


def test_every_answer_text_is_written_at_b1_level():
    texts = answer_texts()
    assert len(texts) > 80  # responses, facilities, teams and crisis replies are all there
    problems = []
    for origin, text in texts:
        m = measure(text)
        if m.longest_sentence > MAX_SENTENCE_WORDS:
            problems.append(f"{origin}: a sentence of {m.longest_sentence} words")
        if m.flesch_douma < MIN_FLESCH_DOUMA:
            problems.append(f"{origin}: Flesch-Douma {m.flesch_douma:.0f}")
        if m.long_word_share > MAX_LONG_WORD_SHARE:
            problems.append(f"{origin}: {m.long_word_share:.0%} long words")
    assert not problems, "\n".join(problems)


def test_answer_texts_together_are_standard_or_easier():
    scores = [measure(text).flesch_douma for _, text in answer_texts()]
    summary = distribution(scores)
    print(f"Flesch-Douma over {summary['n']} answer texts: {summary}")
    assert summary["mean"] >= MIN_MEAN_FLESCH_DOUMA
    assert sum(s >= 60 for s in scores) / len(scores) >= MIN_SHARE_STANDARD_OR_EASIER
