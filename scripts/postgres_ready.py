"""Exit 0 when the PostgreSQL in DATABASE_URL answers (creating its database if missing).

Used by `make test` to decide whether to run the suite a second time on PostgreSQL.
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        print(f"DATABASE_URL bir PostgreSQL adresi değil: {url!r}", file=sys.stderr)
        return 2
    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 3,
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
            ).fetchone()
            if not exists:
                connection.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"]))
                )
    except psycopg.OperationalError as error:
        print(f"PostgreSQL'e ulaşılamadı ({params['host']}:{params['port']}): {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
