# Two commands do all the set-up on a fresh machine:
#   make console   -> installs into .venv on first use and starts the terminal adapter (SQLite)
#   make test      -> installs into .venv on first use and runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: console test lint serve migrate clean

$(BIN)/safeguard-bot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

console: $(BIN)/safeguard-bot
	$(BIN)/safeguard-bot console --config $(or $(CONFIG),examples/organisation.toml)

test: $(BIN)/safeguard-bot
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

serve: $(BIN)/safeguard-bot
	$(BIN)/safeguard-bot serve --config $(or $(CONFIG),examples/organisation.toml)

migrate: $(BIN)/safeguard-bot
	$(BIN)/safeguard-bot migrate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
