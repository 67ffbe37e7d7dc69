"""Sign-ins, failed sign-ins, sign-outs and changes to two-factor login land in the audit trail.

Only what a security review needs: who, when, which request. Never a password; for a failed
sign-in the login name typed (lower-cased, cut at 254 characters) so that a series of
attempts on one account can be seen.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from santral.core.audit import audit_record

LOGIN = "auth.login"
LOGIN_FAILED = "auth.login_failed"
LOGOUT = "auth.logout"
MFA_ADDED = "mfa.added"
MFA_REMOVED = "mfa.removed"
MFA_RESET = "mfa.reset"
SESSIONS_REVOKED = "auth.sessions_revoked"
SESSION_EXPIRED = "auth.session_expired"


@receiver(user_logged_in)
def audit_login(sender, request=None, user=None, **kwargs):
    from .sessions import remember_login_time

    remember_login_time(request)
    audit_record(actor=user, action=LOGIN, target=user)


@receiver(user_logged_out)
def audit_logout(sender, request=None, user=None, **kwargs):
    if user is not None:
        audit_record(actor=user, action=LOGOUT, target=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials=None, request=None, **kwargs):
    credentials = credentials or {}
    typed = credentials.get("email") or credentials.get("username") or credentials.get("login")
    audit_record(
        actor=None,
        action=LOGIN_FAILED,
        after={"login": str(typed or "").strip().lower()[:254]},
    )


def connect_mfa_signals() -> None:
    """allauth's MFA signals: set-up, removal and regenerated recovery codes."""
    from allauth.mfa import signals as mfa_signals

    def _audit(action):
        def handler(sender, request=None, user=None, authenticator=None, **kwargs):
            if user is None:
                return
            audit_record(
                actor=user,
                action=action,
                target=user,
                after={"type": getattr(authenticator, "type", "")},
            )

        return handler

    for signal, action in (
        (mfa_signals.authenticator_added, MFA_ADDED),
        (mfa_signals.authenticator_removed, MFA_REMOVED),
        (mfa_signals.authenticator_reset, MFA_RESET),
    ):
        signal.connect(_audit(action), weak=False, dispatch_uid=f"santral-audit-{action}")
