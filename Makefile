# Warta: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
WARTA := $(BIN)/warta
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test test-sqlite test-postgres lint messages services browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(WARTA) demo

# Debian's chromium for the browser tests, and the PostgreSQL and Redis services.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

services:
	@sh scripts/services.sh

test: $(STAMP) browser services
	$(BIN)/ruff check src tests bench
	WARTA_VAR_DIR=$(CURDIR)/var/test $(WARTA) makemigrations --check --dry-run >/dev/null
	WARTA_VAR_DIR=$(CURDIR)/var/test $(WARTA) check
	$(MAKE) --no-print-directory test-sqlite test-postgres
	$(MAKE) --no-print-directory deploy-check

# Two workers: one per core of the machines Warta is tested on.
PYTEST_WORKERS ?= 2

test-sqlite: $(STAMP)
	WARTA_VAR_DIR=$(CURDIR)/var/test $(BIN)/pytest -q -n $(PYTEST_WORKERS) --durations=15 --no-unlisted-skips

# The same suite on PostgreSQL and Redis, as in production (browser tests ran on SQLite).
test-postgres: $(STAMP)
	WARTA_VAR_DIR=$(CURDIR)/var/test \
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/warta} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/12} \
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not browser" --durations=15 --no-unlisted-skips

# docs/deployment.md followed on loopback ports: nginx with the shipped file, two app servers,
# the scheduler, backups (scripts/deploy_check.py). About 3 minutes; installs nginx if missing.
.PHONY: deploy-check
deploy-check: $(STAMP) services
	@command -v nginx >/dev/null && command -v curl >/dev/null && test -e /etc/nginx/modules-enabled/50-mod-http-cache-purge.conf || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-cache-purge curl >/dev/null; }
	$(BIN)/python scripts/deploy_check.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

messages: $(STAMP)
	cd src/warta && WARTA_VAR_DIR=$(CURDIR)/var ../../$(WARTA) makemessages -l id --no-location --no-obsolete
	cd src/warta && WARTA_VAR_DIR=$(CURDIR)/var ../../$(WARTA) compilemessages -l id

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Soak (docs/delivery.md): mixed traffic at 100 connections while publishing and ingesting,
# 5 minutes by default (`make soak SOAK_ARGS="--duration 120"`). Not part of `make test`.
.PHONY: soak
soak: $(STAMP) services
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) var

# Front-end audit of the demo (docs/site.md): Lighthouse, Nu Html Checker, axe. The npm tools go
# into var/audit (gitignored); Debian's chromium and chromedriver drive them.
AUDIT_DIR := var/audit
.PHONY: audit
audit: $(STAMP) browser
	@command -v chromedriver >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-driver >/dev/null; }
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	mkdir -p $(AUDIT_DIR)
	cp scripts/audit/package.json $(AUDIT_DIR)/package.json
	cd $(AUDIT_DIR) && CHROMEDRIVER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/audit/audit.py --tools $(AUDIT_DIR)/node_modules
