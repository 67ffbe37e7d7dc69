"""A task for the worker tests: appends its number to a file, so runs can be counted."""

import logging
import os

from django_tasks import task


@task()
def probe(path: str, number: int) -> int:
    # O_APPEND: two processes appending lines never interleave within a short line.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, f"{number}\n".encode())
    finally:
        os.close(descriptor)
    logging.getLogger("santral.tests.probe").info("probe %s", number)
    return number
