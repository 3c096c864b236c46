# The two commands a newcomer needs: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.development

.PHONY: run test setup venv frontend theme migrate demo lint typecheck check clean

run: setup migrate demo
	@$(PY) manage.py demo_signins --url http://$(HOST):$(PORT)/
	$(PY) manage.py runserver $(HOST):$(PORT)

# pytest exits 5 when it collects no test (a -k that matches nothing): not a failure.
test: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: treated as success"; exit 0; fi; exit $$rc

setup: $(VENV)/.installed frontend/node_modules/.installed opengov/static/css/opengov.css

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

opengov/static/css/opengov.css: frontend/node_modules/.installed frontend/theme.scss frontend/build.mjs
	cd frontend && node build.mjs

theme:
	cd frontend && node build.mjs

migrate: setup
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy opengov config

check: lint typecheck test

clean:
	rm -rf $(VENV) frontend/node_modules opengov/static/vendor opengov/static/css
