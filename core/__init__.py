"""The lowest layer: what every part of Hulpwijzer shares and nothing of the project's own
(text folding, the help topics and their names, settings, the database engine and
sessions, private files, the background loop, HTTP security headers, erasure and
retention). Dependencies run one way: channels, actions, staff and bot use handoff and
knowledge_base, which use core; core imports nothing of the project
(``tests/test_layers.py``)."""
