import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_public_pages_send_a_strict_csp(client, cast):
    response = client.get("/konseyler/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


@pytest.mark.django_db
def test_backoffice_gets_its_own_policy(client, cast):
    client.force_login(cast.editor_a)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "unsafe-inline" in response["Content-Security-Policy"]


def _public_templates():
    for folder in [ROOT / "templates", *ROOT.glob("santral/*/templates")]:
        for path in folder.rglob("*.html"):
            if "backoffice" not in path.parts:
                yield path


def test_public_templates_have_no_inline_script_or_style():
    offenders = []
    for path in _public_templates():
        text = path.read_text(encoding="utf-8")
        if re.search(r"\sstyle\s*=", text) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(str(path.relative_to(ROOT)))
        if re.search(r"https?://(?!www\.w3\.org)[^\s\"']+\.(js|css)\b", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
