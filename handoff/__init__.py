"""Warme overdracht: a resident's question handed to the right team, with consent and a
summary the resident has seen (models, validation, urgency, summary, service)."""
