# Līdzdalība — the two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test test-deps system-packages typecheck install install-dev lint format messages clean lock prod check-deploy

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

## Debian packages the test suite needs, each checked by a file it installs (a pattern
## may stand for a versioned path): Chromium for the browser tests, nginx for the rate limits
## behind the shipped proxy configuration, the PostgreSQL server and Redis for the tests of
## the production path (private throw-away servers when none answers on the standard ports,
## see lidzdaliba/testing/servers.py), LibreOffice (Writer, Calc) that must open every export,
## Java for the Nu HTML Checker, hunspell with its Latvian dictionary, and Pango, which
## WeasyPrint (the PDF/A export, a runtime dependency too) lays text out with, and Cairo,
## which CairoSVG (the PNG charts, a runtime dependency too) draws with. Missing ones are
## installed with apt-get (needs root or sudo); nothing is ever installed from inside a test.
TEST_DEB_PACKAGES ?= /usr/bin/chromium:chromium /usr/sbin/nginx:nginx \
	/usr/lib/postgresql/*/bin/initdb:postgresql /usr/bin/redis-server:redis-server \
	/usr/lib/libreoffice/program/swriter:libreoffice-writer \
	/usr/lib/libreoffice/program/scalc:libreoffice-calc \
	/usr/bin/java:default-jre-headless \
	/usr/bin/hunspell:hunspell /usr/share/hunspell/lv_LV.dic:hunspell-lv \
	/usr/lib/*/libpango-1.0.so.0:libpango-1.0-0 /usr/lib/*/libcairo.so.2:libcairo2
system-packages:
	@missing=""; for pair in $(TEST_DEB_PACKAGES); do \
	  found=""; for path in $${pair%%:*}; do [ -e "$$path" ] && found=1; done; \
	  [ -n "$$found" ] || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

## Everything the tests need: the pinned Python test tools and the system packages.
test-deps: install-dev system-packages

## Serve the embedded platform (SQLite, local files, a job worker) with demo data.
run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py serve --port $(PORT)

## Static types of every app's services, selectors and rules (mypy with django-stubs;
## the files are listed in pyproject.toml).
typecheck: install-dev
	$(PY) -m mypy

## Checks that do not depend on the database: run by `make test` on SQLite only (DATABASE_URL
## unset), so that the PostgreSQL leg of CI does not repeat them.
DATABASE_FREE_CHECKS := typecheck
## Branch coverage of lidzdaliba/ (settings in pyproject.toml), printed after the tests.
COVERAGE_ARGS ?= --cov --cov-report=term:skip-covered

## Lint, then the whole suite (browser tests included) with its coverage. DATABASE_URL
## selects PostgreSQL.
test: test-deps $(if $(DATABASE_URL),,$(DATABASE_FREE_CHECKS))
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-logo
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(COVERAGE_ARGS) $(PYTEST_ARGS)

lint: install-dev
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-logo
	$(PY) -m ruff format --check .

format: install-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## Re-extract translatable strings (needs GNU gettext) and compile the catalogues.
messages: install-dev
	cd lidzdaliba && ../$(PY) ../manage.py makemessages -l lv --no-obsolete --ignore 'tests/*' --ignore 'testing/*'
	$(PY) manage.py compilemessages --ignore .venv

clean:
	rm -rf var .pytest_cache .mypy_cache .coverage .coverage.*

## Re-pin every dependency from requirements*.in (a clean venv, then pip freeze).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -r requirements.in
	(echo "# Pinned runtime dependencies (make lock: from requirements.in)."; .lock-venv/bin/pip freeze --exclude pip) > requirements.txt
	.lock-venv/bin/pip install --quiet -r requirements-dev.in
	(echo "# Pinned test and lint dependencies (make lock: from requirements-dev.in)."; echo "-r requirements.txt"; \
	  .lock-venv/bin/pip freeze --exclude pip | grep -vxFf requirements.txt) > requirements-dev.txt
	rm -rf .lock-venv

## Production-like stack in the foreground (settings from the environment; see README).
prod: install
	LIDZDALIBA_DEPLOYMENT=production $(PY) manage.py run_production --port $(PORT)

## Django's deployment checklist under production settings, with throw-away values.
check-deploy: install
	LIDZDALIBA_DEPLOYMENT=production \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	DATABASE_URL=postgres://lidzdaliba@127.0.0.1:5432/lidzdaliba \
	ALLOWED_HOSTS=lidzdaliba.example.lv REDIS_URL=redis://127.0.0.1:6379/0 \
	EMAIL_HOST=mail.example.lv METRICS_TOKEN=check TRUSTED_PROXY_COUNT=1 \
	$(PY) manage.py check --deploy --fail-level WARNING
