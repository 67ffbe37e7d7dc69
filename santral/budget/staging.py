"""Keep a previewed import file so the treasurer confirms it without uploading it again.

The file is stored under `budget-imports/<council>/<year>/<sha256>` in the default storage;
the preview page carries only the hash. A staged file belongs to one council and year, so a
hash seen for another council finds nothing. Staged files older than a day are removed
whenever a new file is staged; a confirmed import removes its own file.
"""

import datetime
import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.councils.models import Council

STAGING_ROOT = "budget-imports"
STAGE_LIFETIME = datetime.timedelta(days=1)
_TOKEN = re.compile(r"^[0-9a-f]{64}$")


def _folder(council: Council, year: int) -> str:
    return f"{STAGING_ROOT}/{council.pk}/{year}"


def _path(council: Council, year: int, token: str) -> str:
    if not _TOKEN.match(token or ""):
        raise ValidationError(_("Önizlenen dosya bulunamadı; dosyayı yeniden yükleyin."))
    return f"{_folder(council, year)}/{token}"


def import_stage(*, council: Council, year: int, content: bytes) -> str:
    """Store the previewed file; returns the token (its SHA-256) the confirm form sends back."""
    token = hashlib.sha256(content).hexdigest()
    path = _path(council, year, token)
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(content))
    _remove_stale(council, year)
    return token


def import_staged_content(*, council: Council, year: int, token: str) -> bytes:
    """The staged file's bytes, checked against its hash; a clear error when it is gone."""
    path = _path(council, year, token)
    if not default_storage.exists(path):
        raise ValidationError(_("Önizlenen dosya bulunamadı; dosyayı yeniden yükleyin."))
    with default_storage.open(path, "rb") as staged:
        content = staged.read()
    if hashlib.sha256(content).hexdigest() != token:
        raise ValidationError(_("Önizlenen dosya bulunamadı; dosyayı yeniden yükleyin."))
    return content


def import_unstage(*, council: Council, year: int, token: str) -> None:
    path = _path(council, year, token)
    if default_storage.exists(path):
        default_storage.delete(path)


def _remove_stale(council: Council, year: int) -> None:
    folder = _folder(council, year)
    try:
        _, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    limit = timezone.now() - STAGE_LIFETIME
    for name in names:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue
