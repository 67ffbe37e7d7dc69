from santral.content.models import _plain_text


def test_paragraphs_stay_apart_in_the_search_text():
    """compute_search_text used strip_tags alone, which glued "…sunulacak.</p><p>Bu içerik…"
    into "sunulacak.Bu içerik", and search snippets showed it so."""
    text = _plain_text(
        "<p>Öneriler sunulacak.</p><p>Bu içerik demo &amp; örnek.</p>"
        "<ul><li>Bir</li><li>İki</li></ul>"
    )
    assert text == "Öneriler sunulacak.\nBu içerik demo & örnek.\nBir\nİki"
