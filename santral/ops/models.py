from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """The claim that a periodic job ran for one period (santral/ops/schedule.py).

    Every scheduler on every machine tries to insert the row for the current period; the
    unique constraint lets exactly one of them succeed, and only that one enqueues the task.
    """

    job = models.CharField(_("iş"), max_length=64)
    period = models.CharField(_("dönem"), max_length=32)
    claimed_at = models.DateTimeField(_("alındı"), auto_now_add=True)
    claimed_by = models.CharField(_("zamanlayıcı"), max_length=128, blank=True)
    task_id = models.CharField(_("görev"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("zamanlanmış çalışma")
        verbose_name_plural = _("zamanlanmış çalışmalar")
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.period}"


class TaskOrigin(models.Model):
    """Which request (or scheduler run) enqueued a task: the worker logs under the same id."""

    task_id = models.CharField(_("görev"), max_length=64, primary_key=True)
    request_id = models.CharField(_("istek kimliği"), max_length=64)
    enqueued_at = models.DateTimeField(_("kuyruğa girdi"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("görev kaynağı")
        verbose_name_plural = _("görev kaynakları")

    def __str__(self) -> str:
        return f"{self.task_id} ← {self.request_id}"
