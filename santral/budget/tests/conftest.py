import datetime
from decimal import Decimal

import pytest

from santral.budget.factories import make_line, make_unit
from santral.budget.services import (
    appropriation_post,
    expenditure_approve,
    expenditure_commit,
    expenditure_pay,
    expenditure_request,
    in_kind_rate_save,
    in_kind_record,
)

D = Decimal


@pytest.fixture
def fixture_budget(cast):
    """A hand-computed year for council A (figures checked by hand in docs/budget.md).

    Line 1 (Kültür, 08.2.0 / 03.2.1.01): initial 10 000,00 + ek ödenek 2 500,50
      − düşülen ödenek 500,25 = 12 000,25; paid 1 234,56 (committed 1 300,00 then released).
    Line 2 (Özel Kalem, 01.1.1 / 03.5.9.90): initial 3 000,00; open commitment 700,10.
    Totals: revised 15 000,25; committed 700,10; paid 1 234,56; remaining 13 065,59.
    In kind: 10 h × 150,00 + 3 vehicle-days × 1 200,50 = 5 101,50.
    """
    t = cast.treasurer_a
    culture = make_unit(t, cast.council_a)
    office = make_unit(
        t, cast.council_a, name="Özel Kalem Müdürlüğü", code="46.01.01.02", kind="private_office"
    )
    line1 = make_line(t, cast.council_a, unit=culture, initial="10000.00")
    line2 = make_line(
        t, cast.council_a, unit=office, functional="01.1.1", economic="03.5.9.90", initial="3000.00"
    )
    appropriation_post(
        actor=t,
        line=line1,
        kind="addition",
        amount=D("2500.50"),
        entry_on=datetime.date(2026, 6, 1),
    )
    appropriation_post(
        actor=t,
        line=line1,
        kind="reduction",
        amount=D("500.25"),
        entry_on=datetime.date(2026, 7, 1),
    )
    paid = expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=line1,
        title="Afiş baskısı",
        estimated_amount=D("1300.00"),
        project_label="Kadın paneli",
    )
    expenditure_approve(actor=t, expenditure=paid)
    expenditure_commit(
        actor=t,
        expenditure=paid,
        supplier_name="Matbaa Ltd.",
        contract_no="S-1",
        amount=D("1300.00"),
        committed_on=datetime.date(2026, 3, 5),
    )
    expenditure_pay(
        actor=t,
        expenditure=paid,
        payment_order_no="ÖEB-1",
        paid_on=datetime.date(2026, 3, 25),
        amount=D("1234.56"),
    )
    open_one = expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=line2,
        title="Salon kirası",
        estimated_amount=D("700.10"),
        project_label="Gençlik forumu",
    )
    expenditure_approve(actor=t, expenditure=open_one)
    expenditure_commit(
        actor=t,
        expenditure=open_one,
        supplier_name="Ayşe Demir",
        supplier_is_individual=True,
        contract_no="S-2",
        amount=D("700.10"),
        committed_on=datetime.date(2026, 4, 10),
    )
    hour = in_kind_rate_save(
        actor=t,
        council=cast.council_a,
        fiscal_year=2026,
        category="Personel saati",
        unit="hour",
        rate=D("150.00"),
    )
    vehicle = in_kind_rate_save(
        actor=t,
        council=cast.council_a,
        fiscal_year=2026,
        category="Araç günü",
        unit="vehicle_day",
        rate=D("1200.50"),
    )
    in_kind_record(
        actor=t,
        rate=hour,
        contributor_name="Destek Hizmetleri Daire Başkanlığı",
        contributor_kind="municipal_unit",
        quantity=D("10"),
        received_on=datetime.date(2026, 3, 1),
    )
    in_kind_record(
        actor=t,
        rate=vehicle,
        contributor_name="Ulaşım Dairesi Başkanlığı",
        contributor_kind="municipal_unit",
        quantity=D("3"),
        received_on=datetime.date(2026, 3, 2),
    )
    return {"line1": line1, "line2": line2, "paid": paid, "open": open_one}


EXPECTED = {
    "initial": D("13000.00"),
    "additions": D("2500.50"),
    "reductions": D("500.25"),
    "transfers_in": D("0.00"),
    "transfers_out": D("0.00"),
    "revised": D("15000.25"),
    "reserved": D("0.00"),
    "committed": D("700.10"),
    "paid": D("1234.56"),
    "remaining": D("13065.59"),
    "available": D("13065.59"),
}
EXPECTED_IN_KIND = D("5101.50")
