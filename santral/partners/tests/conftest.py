import pytest

from santral.partners.factories import ConsentTextFactory, OrganisationFactory
from santral.partners.services import affiliation_set


@pytest.fixture
def consent(db):
    return ConsentTextFactory()


@pytest.fixture
def ulasim(cast):
    """An institution linked to council A (Seyhan)."""
    organisation = OrganisationFactory(
        name="Adana Büyükşehir Belediyesi Ulaşım Dairesi Başkanlığı",
        slug="adana-bb-ulasim",
        kind="municipal_unit",
        owner_council=cast.council_a,
    )
    affiliation_set(actor=cast.editor_a, council=cast.council_a, organisation=organisation)
    return organisation


@pytest.fixture
def dernek(cast):
    """An association linked to both councils."""
    organisation = OrganisationFactory(
        name="İskenderun Işık Derneği", slug="iskenderun-isik-dernegi", owner_council=cast.council_a
    )
    affiliation_set(actor=cast.editor_a, council=cast.council_a, organisation=organisation)
    affiliation_set(actor=cast.editor_b, council=cast.council_b, organisation=organisation)
    return organisation
