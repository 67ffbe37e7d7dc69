"""Local development: `make run`. DEBUG on, a throw-away key, e-mail to the console."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *

SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
