"""The request id travels with a task: logged by the worker as the request's own id.

When a task is enqueued while a request (or a scheduler run) has an id, a TaskOrigin row
records it in the same transaction as the task row. When a worker starts the task it sets
that id as the current one (santral.core.request_id), so every log line the task writes
carries the id of the request that caused it; it is cleared when the task finishes.
"""

import logging

from django_tasks.signals import task_enqueued, task_finished, task_started

from santral.core.request_id import current_request_id, set_request_id

logger = logging.getLogger("santral.tasks")


def _on_enqueued(sender, task_result, **kwargs) -> None:
    request_id = current_request_id()
    if not request_id or not getattr(sender, "supports_defer", False):
        # The immediate backend runs the task inside the request: the id is already set.
        return
    from .models import TaskOrigin

    TaskOrigin.objects.create(task_id=str(task_result.id), request_id=request_id)
    logger.info("Görev kuyruğa eklendi: %s (%s)", task_result.id, task_result.task.name)


def _on_started(sender, task_result, **kwargs) -> None:
    if not getattr(sender, "supports_defer", False):
        return
    from .models import TaskOrigin

    origin = TaskOrigin.objects.filter(task_id=str(task_result.id)).first()
    set_request_id(origin.request_id if origin else f"task-{task_result.id}")


def _on_finished(sender, task_result, **kwargs) -> None:
    if getattr(sender, "supports_defer", False):
        set_request_id("")


def connect_signals() -> None:
    task_enqueued.connect(_on_enqueued, dispatch_uid="santral_task_origin_enqueued")
    task_started.connect(_on_started, dispatch_uid="santral_task_origin_started")
    task_finished.connect(_on_finished, dispatch_uid="santral_task_origin_finished")
