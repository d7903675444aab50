# The two commands of the README, and the steps they are made of.
# Everything installs from the lock file (uv.lock) into .venv; nothing is installed by hand.

UV_VERSION := 0.13.9
PYTHON ?= python3
UV := $(PYTHON) -m uv

.PHONY: install demo test lint

install:  ## install Vigil and its pinned dependencies into .venv
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==$(UV_VERSION)"
	@UV_PYTHON_DOWNLOADS=never $(UV) sync --locked --quiet

demo: install  ## start Vigil on SQLite with the sample data at http://127.0.0.1:8000
	.venv/bin/vigil demo

test: install  ## run every check and test, on SQLite and on PostgreSQL
	scripts/test

lint: install
	.venv/bin/ruff check src tests bench
	.venv/bin/ruff format --check src tests bench
	.venv/bin/mypy
