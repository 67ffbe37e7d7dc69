"""Parsers: untrusted bytes of a source → `ParsedPage` of `HarvestedEntry` (items.py).

No network, no database. Every parser takes a `max_items` cap (the first items are kept),
returns aware UTC dates, plain-text titles and summaries, http(s) URLs only, and raises
`ParseError` (a Turkish `message`) when nothing can be read.
"""

from .common import ParseError
from .feeds import parse_feed
from .ical import parse_ical
from .santral import parse_santral_items
from .wordpress import parse_wordpress_posts, wordpress_feed_url, wordpress_posts_url

__all__ = [
    "ParseError",
    "parse_feed",
    "parse_ical",
    "parse_santral_items",
    "parse_wordpress_posts",
    "wordpress_feed_url",
    "wordpress_posts_url",
]
