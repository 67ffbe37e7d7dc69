"""Small builders for budget tests: a unit, a line with an initial appropriation."""

import datetime
from decimal import Decimal

from .models import BudgetLine, PayingUnit
from .services import appropriation_post, budget_line_create, paying_unit_create


def make_unit(
    actor,
    council,
    *,
    year=2026,
    name="Kültür ve Sosyal İşler Dairesi Başkanlığı",
    code="46.01.01.12",
    kind="unit",
) -> PayingUnit:
    return paying_unit_create(
        actor=actor, council=council, fiscal_year=year, name=name, kurumsal_code=code, kind=kind
    )


def make_line(
    actor,
    council,
    *,
    year=2026,
    unit=None,
    functional="08.2.0",
    financing="5",
    economic="03.2.1.01",
    initial: Decimal | str | None = "10000.00",
    on=datetime.date(2026, 1, 2),
) -> BudgetLine:
    unit = unit or make_unit(actor, council, year=year)
    line = budget_line_create(
        actor=actor,
        paying_unit=unit,
        functional_code=functional,
        financing_code=financing,
        economic_code=economic,
    )
    if initial is not None:
        appropriation_post(
            actor=actor, line=line, kind="initial", amount=Decimal(initial), entry_on=on
        )
    return line
