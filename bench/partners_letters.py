"""Benchmark: render official letters to PDF and send drafts (letter numbers under a row lock).

Run on a throw-away database (it creates a council and its letters):
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate -v0
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/partners_letters.py 50

Prints seconds per letter for PDF rendering and for sending (numbering). Bounded:
N letters (default 50), each step timed once.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from santral.core.factories import UserFactory  # noqa: E402
from santral.councils.factories import CouncilFactory  # noqa: E402
from santral.councils.services import membership_set_roles  # noqa: E402
from santral.partners.factories import OrganisationFactory  # noqa: E402
from santral.partners.letters import render_letter_pdf  # noqa: E402
from santral.partners.services import (  # noqa: E402
    affiliation_set,
    support_request_create,
    support_request_send,
)


def main(count: int) -> None:
    stamp = str(int(time.time()))
    council = CouncilFactory(name=f"Bench Kent Konseyi {stamp}", slug=f"bench-{stamp}")
    editor = UserFactory(email=f"bench-{stamp}@ornek.test")
    membership_set_roles(actor=None, council=council, user=editor, roles=["editor"])
    organisation = OrganisationFactory(
        name="Adana Büyükşehir Belediyesi Ulaşım Dairesi Başkanlığı", slug=f"ulasim-{stamp}"
    )
    affiliation_set(actor=editor, council=council, organisation=organisation)
    drafts = [
        support_request_create(
            actor=editor,
            council=council,
            organisation=organisation,
            subject=f"Talep {index}",
            text="Festival için otobüs desteği rica olunur.\n\nGereğini arz ederim.",
            references="Yürütme kurulu kararı",
            attachments="Program",
        )
        for index in range(count)
    ]
    started = time.perf_counter()
    sent = [support_request_send(actor=editor, support_request=draft) for draft in drafts]
    send_seconds = time.perf_counter() - started
    started = time.perf_counter()
    size = sum(len(render_letter_pdf(request)) for request in sent)
    render_seconds = time.perf_counter() - started
    numbers = [request.number for request in sent]
    assert numbers == list(range(1, count + 1)), numbers
    print(f"letters: {count}")
    print(f"send (number + audit): {send_seconds / count * 1000:.1f} ms/letter")
    per_letter = render_seconds / count * 1000
    print(f"render PDF: {per_letter:.1f} ms/letter, {size // count} bytes/letter")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
