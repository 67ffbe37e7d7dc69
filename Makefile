# Santral — two commands on a fresh machine:
#   make run    set up, load the demo data and serve http://127.0.0.1:8000
#   make test   set up, lint, check migrations and layers, run the suite on SQLite and PostgreSQL

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/santral_test
# The slowest tests of each round are listed at its end, to keep the suite within 15 minutes.
PYTEST_ARGS ?= --durations=30

.DEFAULT_GOAL := help
.PHONY: help setup run test lint test-sqlite test-postgres messages clean

help:
	@echo "make run    kur, demo verisini yükle ve http://127.0.0.1:$(PORT) adresinde sun"
	@echo "make test   kur, denetle ve testleri SQLite ve PostgreSQL üzerinde çalıştır"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "HATA: Python 3.11 veya üstü gerekli ('$(PYTHON)' bulunamadı ya da eski)."; \
	  echo "Debian/Ubuntu: sudo apt-get install python3 python3-venv  (ya da PYTHON=python3.12 make ...)"; \
	  exit 1; }
	@echo "1/4 Python sanal ortamı oluşturuluyor: $(VENV)/"
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "HATA: sanal ortam kurulamadı. Debian/Ubuntu: sudo apt-get install python3-venv"; \
	  rm -rf $(VENV); exit 1; }
	@$(BIN)/python -m pip install --quiet --upgrade pip

# pip's own lines (one per package, a progress bar per download) show that the first
# install, a minute or more, is moving.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	@echo "1/4 bağımlılıklar kuruluyor (requirements.lock; ilk kurulum birkaç dakika sürebilir)…"
	@$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.lock
	@touch $@

setup: $(VENV)/.installed

# The task worker (e-mails, search and reference index) runs beside the web server and stops
# with it; config/settings/dev.py sends its routine lines to var/log/worker.log and only its
# warnings and errors to the console (docs/tasks.md).
run: setup
	@echo "2/4 veritabanı hazırlanıyor (migrate)…"
	@$(BIN)/python manage.py migrate --no-input
	@echo "3/4 demo verisi yükleniyor (load_demo)…"
	@$(BIN)/python manage.py load_demo
	@echo "4/4 sunucu ve görev işleyicisi başlatılıyor…"
	@echo "Santral: http://127.0.0.1:$(PORT)/  (yönetim paneli: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Görev işleyicisinin günlüğü: $${SANTRAL_VAR_DIR:-var}/log/worker.log (hataları burada da görünür)"
	@$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

# Browser tests run when Debian's Chromium is present (CI always installs it). The
# back-office sweep (marker `sweep`, its own demo server on SQLite) runs beside the
# PostgreSQL round, which has no other browser tests, so the two rounds take similar time.
BROWSER_MARK = $(if $(wildcard /usr/bin/chromium),-m "not sweep",-m "not browser")
PG_MARK = $(if $(wildcard /usr/bin/chromium),not browser or sweep,not browser)

test-sqlite: setup
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest $(BROWSER_MARK) $(PYTEST_ARGS)

test-postgres: setup
	@if DATABASE_URL=$(PG_URL) $(BIN)/python scripts/postgres_ready.py; then \
	  echo "== pytest on PostgreSQL ($(PG_URL)) =="; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "$(PG_MARK)" $(PYTEST_ARGS); \
	elif [ -n "$$SANTRAL_REQUIRE_POSTGRES" ]; then \
	  echo "HATA: PostgreSQL gerekli (SANTRAL_REQUIRE_POSTGRES) ama ulaşılamıyor: $(PG_URL)"; exit 1; \
	else \
	  echo "UYARI: PostgreSQL'e ulaşılamadı; PostgreSQL turu atlandı ($(PG_URL))."; \
	fi

# The two rounds run side by side (one a core on a 2-core machine); each prints its output
# when it ends, and `make test` fails if either fails. They share one demo build (migrate,
# load_demo, the worker, as `make run` does: tests/demo_build.py) in a temporary folder.
test: lint
	@build=$$(mktemp -d); trap 'rm -rf "$$build"' EXIT; \
	  SANTRAL_DEMO_BUILD=$$build $(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

messages: setup
	$(BIN)/python manage.py makemessages -l en -l ar --ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --no-location
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf var .pytest_cache .ruff_cache
