# Two entry points for a fresh Debian machine with Python 3.11:
#   make plan   build the example programs into out/
#   make test   lint, type-check and run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages WeasyPrint loads at run time, pdftoppm for the page-image tests, and
# chromium for the web workspace's browser tests (Playwright drives it; it downloads none).
# fonts-noto-cjk and fonts-noto-color-emoji are the print's fallbacks for names DejaVu
# cannot set: Chinese, Japanese, Korean and emoji.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
	libfontconfig1 fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji poppler-utils \
	chromium
EXAMPLE ?= examples/profiles/full-gym.yaml

.PHONY: plan serve test lint typecheck unit bench system-deps postgres clean

plan: $(VENV)/.runtime
	mkdir -p out
	$(BIN)/thrustplan plan $(EXAMPLE) -o out/example-plan.pdf --json out/example-plan.json
	$(BIN)/thrustplan check out/example-plan.json

# The web workspace on SQLite (thrustplan.db here); add a trainer first with
#   .venv/bin/thrustplan users add you@example.com
serve: $(VENV)/.runtime
	$(BIN)/thrustplan serve

test: $(VENV)/.dev lint typecheck unit

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Installed, the folders are thrustplan.<folder>; mypy reads them through links laid out
# the same way, since it cannot follow the editable install's import hook.
PACKAGES := exercise_db rules planner app templates
typecheck: $(VENV)/.dev
	mkdir -p build/typecheck/thrustplan
	for pkg in $(PACKAGES); do ln -sfn ../../../$$pkg build/typecheck/thrustplan/$$pkg; done
	$(BIN)/mypy

# One worker per core; worksteal lets an idle worker take tests queued on a busy one, so
# the long browser and server tests do not leave a core idle at the end.
unit: $(VENV)/.dev postgres
	$(BIN)/pytest -q -n auto --dist worksteal

# The web tests need a PostgreSQL server on 127.0.0.1:5432; start the local one if it is
# installed and stopped (each test run creates and drops its own databases).
postgres:
	@if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/solve.py
	$(BIN)/python benchmarks/render.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/serve.py

# Pango and friends come from the system, not PyPI. Install them when we can (root with
# apt-get); otherwise stop and say exactly what to run.
system-deps:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "Missing system packages:$$missing"; \
			echo "Run: sudo apt-get update && sudo apt-get install -y$$missing"; \
			exit 1; \
		fi; \
	fi

$(VENV)/.venv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	touch $@

$(VENV)/.runtime: pyproject.toml | system-deps $(VENV)/.venv
	$(BIN)/pip install -q -e '.[web]'
	touch $@

$(VENV)/.dev: pyproject.toml | system-deps $(VENV)/.venv
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.runtime

clean:
	rm -rf $(VENV) out build *.egg-info
