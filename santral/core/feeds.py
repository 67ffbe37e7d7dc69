"""Feed generators whose every text passes through xml_safe before it is written.

Django's feed generator writes titles, descriptions, author names and categories as
they are; one control character in any of them makes the document invalid and the
view answer 500. Cleaning in the generator covers every field of every feed at once.
"""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .text import xml_safe


def _clean(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


class XmlSafeFeedMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = _clean(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = _clean(self.items[-1])


class XmlSafeAtom1Feed(XmlSafeFeedMixin, Atom1Feed):
    pass


class XmlSafeRss201rev2Feed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass
