"""Hulpwijzer's own reading of a resident's message: features (``features``), the trained
readers for intent, topics and crisis (``readers``) and the Rasa component that runs them
(``component``). Decisions on top of the readings live in ``bot.triage``."""
