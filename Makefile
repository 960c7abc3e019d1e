# Two commands do all the set-up on a fresh machine:
#   make console   -> installs into .venv on first use and starts the terminal adapter (SQLite)
#   make test      -> installs into .venv on first use and runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: console test lint serve migrate clean screenshots

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

# make screenshots -> docs/screenshots/*.png: every Teams card drawn by Microsoft's adaptivecards
# renderer in headless Chromium. Only this target needs Chromium (Debian's) and the npm packages
# below (installed into .screenshots/, ignored by git); nothing else in the project uses them.
SHOTS_WORK := .screenshots
SHOTS_APT := chromium chromium-l10n fonts-liberation pngquant
SHOTS_NPM := adaptivecards@3.0.6 markdown-it@14.3.3 puppeteer-core@24.43.1
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

screenshots: $(BIN)/safeguard-bot $(SHOTS_WORK)/installed
	$(BIN)/python -m scripts.screenshots
	pngquant --force --skip-if-larger --strip --ext .png --quality 70-95 docs/screenshots/*.png; \
		status=$$?; [ $$status -eq 0 ] || [ $$status -eq 98 ] || [ $$status -eq 99 ]

$(SHOTS_WORK)/installed: Makefile
	dpkg -s $(SHOTS_APT) >/dev/null 2>&1 || { $(SUDO) apt-get update \
		&& $(SUDO) apt-get install -y $(SHOTS_APT); }
	command -v npm >/dev/null || $(SUDO) apt-get install -y nodejs npm
	mkdir -p $(SHOTS_WORK)
	[ -f $(SHOTS_WORK)/package.json ] || echo '{"private": true}' > $(SHOTS_WORK)/package.json
	npm install --prefix $(SHOTS_WORK) --save-exact --no-audit --no-fund $(SHOTS_NPM)
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache $(SHOTS_WORK)
