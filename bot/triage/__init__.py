"""Triage of a resident's message: crisis signals, language and help topics.

Pure Python, no Rasa imports, so the same rules serve the NLU component
(:mod:`bot.triage.component`), the actions and the command-line tools.
"""
