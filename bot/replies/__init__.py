"""Texts the assistant composes in code (crisis answers, other languages, topic labels).

Fixed Dutch texts live as responses in ``bot/domain``; what depends on the triage result
or on the resident's language is composed here, so actions stay thin and tests can check
every text without Rasa.
"""
