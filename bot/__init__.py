"""Hulpwijzer's Rasa project: configuration, domain and the triage logic shared by the
live assistant and the command-line tools."""
