"""Background work of councils (docs/tasks.md): the contact form's message to the council."""

from email.utils import formataddr

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from .models import Council


@task(queue_name="email")
def send_contact_message(
    council_id: int, name: str, email: str, subject: str, message: str, page_url: str
) -> bool:
    """Mail a visitor's message to the council's address; replies go to the visitor."""
    council = Council.objects.filter(pk=council_id).first()
    if council is None or not council.email:
        return False
    with override("tr"):
        mail_subject = _("[Santral iletişim] %(subject)s") % {"subject": subject}
        body = render_to_string(
            "councils/email/contact.txt",
            {
                "council": council,
                "name": name,
                "email": email,
                "subject": subject,
                "message": message,
                "page_url": page_url,
            },
        )
    EmailMessage(
        subject=" ".join(mail_subject.split()),
        body=body,
        to=[council.email],
        reply_to=[formataddr((name, email))],
    ).send(fail_silently=False)
    return True
