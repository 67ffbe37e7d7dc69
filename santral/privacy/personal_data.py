"""Where Santral holds personal data about one person: the map that export and erasure walk.

Each `Holding` names a model by label (no import: privacy sits below the domain apps), how a
row is tied to the person (a foreign key to the account, or an e-mail field) and what erasure
does with it:

- DELETE: the row is about the person (an address, a seat, a subscription): it goes.
- PSEUDONYMISE: the row is a public record (a seat on a body): the named fields get the
  pseudonym, the row stays.
- KEEP: the person is only its author (a ledger entry, an audit record, a page revision): the
  row stays untouched and its foreign key keeps pointing at the account row, which erasure
  turns into "Silinmiş kullanıcı #N". Posted ledger entries and audit records are append-only
  (database triggers), so they are never rewritten for an erasure.

`tests/test_privacy_erasure.py` walks every installed model: a foreign key to the account or
a personal field (e-mail, name, phone) that is neither here nor in NOT_PERSONAL fails it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

DELETE, PSEUDONYMISE, KEEP = "delete", "pseudonymise", "keep"


@dataclass(frozen=True)
class Holding:
    model: str  # "app_label.ModelName"
    by: str  # the field that ties a row to the person
    fields: tuple[str, ...]  # the personal fields shown in the export
    erase: str = DELETE
    by_email: bool = False  # `by` is an e-mail field (rows of people without an account too)

    def model_class(self) -> type[models.Model] | None:
        try:
            return apps.get_model(self.model)
        except LookupError:  # an optional app is not installed
            return None


def _authored(model: str, *fields: str) -> list[Holding]:
    return [Holding(model, field, (), KEEP) for field in fields]


HOLDINGS: list[Holding] = [
    # The person's own rows
    Holding("account.EmailAddress", "user", ("email", "verified", "primary")),
    Holding("mfa.Authenticator", "user", ("type", "created_at", "last_used_at")),
    Holding("councils.Membership", "user", ("council", "role", "created_at")),
    Holding("partners.Liaison", "user", ("council", "organisation", "created_at")),
    Holding("wagtailusers.UserProfile", "user", ("preferred_language", "current_time_zone")),
    Holding("wagtailadmin.EditingSession", "user", ("last_seen_at",)),
    Holding("wagtailadmin.FormState", "user", ()),
    Holding("wagtailcore.PageSubscription", "user", ("page", "comment_notifications")),
    Holding(
        "events.Registration",
        "email",
        ("event", "full_name", "email", "status", "created_at"),
        by_email=True,
    ),
    Holding(
        "outreach.Subscriber",
        "email",
        (
            "council",
            "email",
            "phone",
            "wants_sms",
            "status",
            "consent_text_version",
            "consent_at",
            "confirmed_at",
            "unsubscribed_at",
        ),
        by_email=True,
    ),
    Holding(
        "partners.ContactPerson",
        "email",
        ("council", "organisation", "full_name", "title", "email", "phone", "consent_at"),
        by_email=True,
    ),
    Holding(
        "privacy.Consent",
        "email",
        ("council", "purpose", "email", "notice", "method", "given_at", "withdrawn_at"),
        by_email=True,
    ),
    Holding("privacy.Consent", "user", (), KEEP),  # matched by e-mail above
    Holding("privacy.Consent", "recorded_by", (), KEEP),
    Holding("privacy.ErasureRequest", "user", ("requested_at", "due_on", "status"), KEEP),
    Holding("privacy.ErasureRequest", "answered_by", (), KEEP),
    # A public record with the person's name on it
    Holding("councils.BodyMember", "user", ("body", "full_name", "title"), PSEUDONYMISE),
    # Authorship: the row stays and points at the pseudonymous account
    *_authored("core.AuditRecord", "actor"),
    *_authored("wagtailcore.Page", "owner", "locked_by"),
    *_authored("content.Reshare", "created_by"),
    *_authored("budget.PeriodClosure", "closed_by"),
    *_authored("budget.Expenditure", "author"),
    *_authored("budget.ExpenditureApproval", "approver"),
    *_authored("budget.LedgerEntry", "created_by"),
    *_authored("budget.Transfer", "created_by"),
    *_authored("decisions.Meeting", "created_by"),
    *_authored("decisions.JourneyEntry", "recorded_by"),
    *_authored("budget.InKindContribution", "created_by"),
    *_authored("partners.SupportRequest", "answered_by", "created_by"),
    *_authored("partners.Pledge", "created_by"),
    *_authored("partners.ResourceLine", "created_by"),
    *_authored("outreach.ParticipationRecord", "created_by"),
    *_authored("outreach.Newsletter", "created_by"),
    *_authored("outreach.GatewayMessage", "created_by"),
    *_authored("santral_api.ApiToken", "created_by", "revoked_by"),
    *_authored("wagtaildocs.Document", "uploaded_by_user"),
    *_authored("wagtailimages.Image", "uploaded_by_user"),
    *_authored("wagtailcore.UploadedFile", "uploaded_by_user"),
    *_authored("wagtailcore.ModelLogEntry", "user"),
    *_authored("wagtailcore.PageLogEntry", "user"),
    *_authored("wagtailcore.Revision", "user"),
    *_authored("wagtailcore.WorkflowState", "requested_by"),
    *_authored("wagtailcore.TaskState", "finished_by"),
    *_authored("wagtailcore.Comment", "user", "resolved_by"),
    *_authored("wagtailcore.CommentReply", "user"),
    *_authored("wagtailcore.APIToken", "user"),
    *_authored("admin.LogEntry", "user"),
]

# The account row itself: exported in full, scrubbed into the pseudonym on erasure.
USER_FIELDS = ("email", "full_name", "first_name", "last_name", "username", "date_joined")

# Fields that look personal but are not about a private person, and why.
NOT_PERSONAL: dict[str, str] = {
    "councils.Council.email": "the council's own public contact address",
    "councils.Council.phone": "the council's own public telephone",
    "partners.Organisation.email": "an organisation's contact address",
    "partners.Organisation.phone": "an organisation's telephone",
    "partners.CouncilLetterhead.signatory_name": "the office holder who signs letters",
    "partners.SupportRequest.signatory_name": "the office holder on a sent letter",
}

PERSONAL_NAMES = frozenset({"email", "full_name", "first_name", "last_name", "phone"})


def personal_field_names(model: type[models.Model]) -> list[str]:
    """The fields of `model` that hold personal data by their kind or name (for the walks)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for field in model._meta.concrete_fields:
        if field.model is not model:
            continue  # inherited: counted on the model that defines it
        if isinstance(field, models.ForeignKey) and field.related_model is user_model:
            found.append(field.name)
        elif isinstance(field, models.EmailField) or field.name in PERSONAL_NAMES:
            found.append(field.name)
        elif field.name.endswith("signatory_name"):
            found.append(field.name)
    return found


def holdings() -> list[tuple[Holding, type[models.Model]]]:
    """The holdings whose model is installed, with the model class."""
    return [(h, m) for h in HOLDINGS if (m := h.model_class()) is not None]


def person_emails(user) -> list[str]:
    """Every address of the account (its own and allauth's), case-folded, no duplicates."""
    addresses = {(user.email or "").strip().casefold()}
    email_model = _optional("account.EmailAddress")
    if email_model is not None:
        addresses.update(
            e.strip().casefold()
            for e in email_model.objects.filter(user=user).values_list("email", flat=True)
        )
    return sorted(a for a in addresses if a)


def rows_of(holding: Holding, model: type[models.Model], user, emails: list[str]):
    if holding.by_email:
        query = models.Q()
        for address in emails:
            query |= models.Q(**{f"{holding.by}__iexact": address})
        return model.objects.filter(query) if emails else model.objects.none()
    return model.objects.filter(**{holding.by: user})


def _optional(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None
