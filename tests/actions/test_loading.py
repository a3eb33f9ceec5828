"""The knowledge base's first load in an action server process never holds up its event loop."""

import time

from actions.help_question import ActionAnswerHelpQuestion
from knowledge_base import service
from tests.actions.conftest import make_tracker, triage_dict
from tests.conftest import largest_loop_gap


async def test_the_first_load_runs_in_a_worker_thread_while_the_loop_serves_others(dispatcher, monkeypatch):
    loaded = service.get_knowledge_base()
    service.get_knowledge_base.cache_clear()

    def slow_load(engine):
        time.sleep(0.4)  # a database that takes its time, or an import of the content files
        return loaded

    monkeypatch.setattr(service, "load_knowledge_base", slow_load)
    tracker = make_tracker(
        "ik heb schulden", "ask_schulden", triage_dict("ask_schulden", ["schulden"]), {"gemeente": "almelo"}
    )
    events, gap = await largest_loop_gap(ActionAnswerHelpQuestion().run(dispatcher, tracker, {}))
    assert events and gap < 0.2, f"the loop waited {gap:.2f} s"
