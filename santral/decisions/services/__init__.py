"""Writes of the decisions app (meetings, decisions, recommendations, the md. 76 journey)."""

from .journey import (
    first_meeting_after,
    journey_correct,
    recommendation_add_implementation,
    recommendation_close,
    recommendation_put_on_agenda,
    recommendation_record_outcome,
    recommendation_refer,
)
from .meetings import (
    agenda_item_add,
    attendance_record,
    decision_record,
    meeting_create,
    recommendation_create,
)

__all__ = [
    "agenda_item_add",
    "attendance_record",
    "decision_record",
    "first_meeting_after",
    "journey_correct",
    "meeting_create",
    "recommendation_add_implementation",
    "recommendation_close",
    "recommendation_create",
    "recommendation_put_on_agenda",
    "recommendation_record_outcome",
    "recommendation_refer",
]
