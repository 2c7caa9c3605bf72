# Dancu — two commands: `make run` and `make test`. Everything else is installed by them.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL and Redis for the second run of the suite (the scale configuration).
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/dancu
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Test processes per pass (pytest-xdist): one per CPU. The live tests mostly wait on servers.
TEST_WORKERS ?= auto
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run serve prepare test test-sqlite test-postgres lint format system-deps bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --frozen --quiet

prepare: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_editorial
	$(MANAGE) load_demo_content
	$(MANAGE) set_visit_total 3137287 --if-empty
	$(MANAGE) ensure_admin

run: prepare
	@echo "Cổng thông tin: http://$(HOST):$(PORT)/  —  quản trị: http://$(HOST):$(PORT)/admin/"
	@$(MANAGE) run_scheduler & scheduler=$$!; \
	  trap 'kill $$scheduler 2>/dev/null; wait $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver --noreload $(HOST):$(PORT)

# The production stack on this machine: nginx on http://$(HOST):$(SERVE_PORT)/ in front of two
# gunicorn app servers and the scheduler (portal/core/front.py, deploy/). Ctrl-C stops it all.
SERVE_PORT ?= $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)
serve: prepare system-deps
	$(PY) -m portal.core.front serve --host $(HOST) --port $(SERVE_PORT)

# Debian packages the tests (Chromium, espeak-ng for the spoken verification code) and the
# benchmark (wrk, nginx) drive.
system-deps:
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v wrk >/dev/null || missing="$$missing wrk"; \
	  command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	  fc-list 2>/dev/null | grep -qi "noto sans" || missing="$$missing fonts-noto-core"; \
	  if [ -n "$$missing" ]; then \
	    echo "Cài gói Debian:$$missing"; \
	    SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(find portal -name '*.html' -path '*templates*')

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $$(find portal -name '*.html' -path '*templates*')

# Prints its own duration (and each pass's), whatever the outcome.
test:
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory install system-deps lint test-sqlite test-postgres; status=$$?; \
	took=$$(( $$(date +%s) - start )); \
	echo "make test: $$((took / 60)) min $$((took % 60)) s ($$took s), exit $$status"; \
	exit $$status

test-sqlite:
	@start=$$(date +%s); $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder; status=$$?; \
	echo "SQLite pass: $$(( $$(date +%s) - start )) s"; exit $$status

# The same suite against PostgreSQL and Redis (skipped, loudly, where neither server runs), but
# for the browser tests and those that use neither the pass's database nor its cache.
test-postgres:
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
	  start=$$(date +%s); \
	  DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder -m "not browser and not engine_independent"; status=$$?; \
	  echo "PostgreSQL + Redis pass: $$(( $$(date +%s) - start )) s"; exit $$status; \
	elif [ -n "$$CI" ]; then \
	  echo "!! CI: PostgreSQL (127.0.0.1:5432) hoặc Redis (127.0.0.1:6379) không chạy — lượt kiểm thử trên PostgreSQL/Redis là bắt buộc."; \
	  exit 1; \
	else \
	  echo "!! PostgreSQL (127.0.0.1:5432) hoặc Redis (127.0.0.1:6379) không chạy: bỏ qua lượt kiểm thử trên PostgreSQL/Redis (CI=true biến việc này thành lỗi)."; \
	fi

bench: install system-deps
	$(PY) -m bench $(BENCH)

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .ruff_cache
