"""Pure arithmetic of the body rules and the assembly calendar (no database)."""

from datetime import date, timedelta

# Kent Konseyi Yönetmeliği's usual rule: opening needs more than half of the members,
# a decision needs a majority of those present.
DEFAULT_OPENING = (50, True)
DEFAULT_DECISION = (50, True)


def share_reached(count: int, total: int, percent: int, strict: bool) -> bool:
    """Is `count` more than (strict) or at least `percent` % of `total`? Integers only, so
    "exactly half" is never lost to rounding: 5 of 10 is not more than half, 6 of 10 is."""
    if total <= 0:
        return False
    if strict:
        return count * 100 > total * percent
    return count * 100 >= total * percent


def opening_quorum_met(*, present: int, members: int, rule=None) -> bool:
    percent, strict = (rule.opening_percent, rule.opening_strict) if rule else DEFAULT_OPENING
    return share_reached(present, members, percent, strict)


def decision_passes(*, votes_for: int, present: int, rule=None) -> bool:
    percent, strict = (rule.decision_percent, rule.decision_strict) if rule else DEFAULT_DECISION
    return share_reached(votes_for, present, percent, strict)


def assembly_meeting_in(year: int, month: int, *, week: int = 1, weekday: int = 0) -> date:
    """The assembly's meeting day in a month: the `weekday` (0 = Monday) that falls in the
    `week`-th seven days of the month (days 1–7 for the first week)."""
    first_day = date(year, month, 1) + timedelta(days=7 * (week - 1))
    return first_day + timedelta(days=(weekday - first_day.weekday()) % 7)


def first_assembly_meeting_after(day: date, *, week: int = 1, weekday: int = 0) -> date:
    """The assembly's first meeting strictly after `day` (a referral on the meeting day itself
    is too late for that day's agenda)."""
    year, month = day.year, day.month
    for _step in range(3):
        meeting = assembly_meeting_in(year, month, week=week, weekday=weekday)
        if meeting > day:
            return meeting
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise AssertionError("unreachable: a month always has a later meeting day")  # pragma: no cover
