from django.core.exceptions import PermissionDenied


def ensure(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless allowed: the one-line guard at the top of a service."""
    if not allowed:
        raise PermissionDenied(message)
