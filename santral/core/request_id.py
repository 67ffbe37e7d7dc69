"""The id of the request being served: in the X-Request-ID header, every log line and audit row.

A context variable rather than a thread-local so that it also holds in async code and in
tasks that set it themselves.
"""

import contextvars
import logging
import re
import uuid

_current: contextvars.ContextVar[str] = contextvars.ContextVar("santral_request_id", default="")

# What a proxy in front of us may hand over; anything else is replaced by our own id.
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def current_request_id() -> str:
    return _current.get()


def new_request_id(offered: str | None = None) -> str:
    """The proxy's id when it is well-formed, else a fresh random one."""
    if offered and _ACCEPTED.match(offered):
        return offered
    return uuid.uuid4().hex


def set_request_id(value: str) -> contextvars.Token:
    return _current.set(value)


def reset_request_id(token: contextvars.Token) -> None:
    _current.reset(token)


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to every log record so that the formatter can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True
