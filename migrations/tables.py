"""The project's tables, as the migrations know them; Rasa's ``events`` is not ours."""

from channels.tables import metadata as whatsapp
from handoff.models import Base as handoffs
from insight.tables import metadata as insight
from knowledge_base.models import Base as knowledge_base
from staff.models import Base as staff

TARGET = [knowledge_base.metadata, handoffs.metadata, staff.metadata, whatsapp, insight]
NOT_OURS = {"events"}


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name in NOT_OURS)
