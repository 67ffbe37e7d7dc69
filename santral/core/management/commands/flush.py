"""Django's `flush`, with the append-only triggers let through for the emptying.

`flush` removes every row of every table (tests between transactional cases, resetting a
database on purpose). Ledger entries and audit records are append-only in the database
(santral/core/immutability.py): on SQLite flush empties them with DELETE and on PostgreSQL
with TRUNCATE, both refused by their triggers unless the maintenance switch is on. Emptying
the whole database is not a correction of money, so it takes the switch, in the same
transaction as the emptying.
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS

from santral.core.immutability import maintenance_switch


class Command(DjangoFlush):
    def handle(self, **options):
        with maintenance_switch(reason="flush", using=options.get("database") or DEFAULT_DB_ALIAS):
            return super().handle(**options)
