import pytest

from santral.core.audit import audit_history, audit_record
from santral.core.factories import UserFactory


@pytest.mark.django_db
def test_audit_records_are_append_only():
    actor = UserFactory()
    record = audit_record(actor=actor, action="test.change", target=actor, after={"x": 1})
    assert list(audit_history(actor)) == [record]
    record.action = "tampered"
    with pytest.raises(ValueError):
        record.save()
    with pytest.raises(ValueError):
        record.delete()
