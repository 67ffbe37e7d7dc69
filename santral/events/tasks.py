"""Background work of events (docs/tasks.md): the registration e-mail."""

from django_tasks import task

from .mail import registration_message
from .models import Registration, RegistrationStatus


@task(queue_name="email")
def send_registration_email(registration_id: int, language: str = "tr") -> bool:
    """Mail the person their seat or waiting-list place; nothing for a cancelled one."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return False
    registration_message(registration, language).send(fail_silently=False)
    return True
