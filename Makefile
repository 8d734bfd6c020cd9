# The two commands of the README: `make run` and `make test`. Both create .venv as needed.
VENV    ?= .venv
PYTHON  ?= python3
PORT    ?= 5000
BIN     := $(VENV)/bin
export FLASK_APP := lms
# Certificates print this address (and its QR code); it follows PORT unless set.
export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test install system-deps bench lighthouse lint clean-instance

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The Spanish interface strings, compiled from the catalog in the repository (docs/i18n.md).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard lms/translations/*/LC_MESSAGES/messages.po))

%.mo: %.po $(VENV)/.installed-run
	$(BIN)/pybabel compile -f -i $< -o $@

install: $(VENV)/.installed-run $(CATALOGS)

system-deps:
	bash .ci/system-deps

# The banner's commands work pasted into another terminal: an absolute path, `--app lms`, and
# the instance folder when LMS_INSTANCE_PATH moves it (the CLI must use the same database).
INSTANCE := $(or $(LMS_INSTANCE_PATH),$(CURDIR)/instance)
FLASK_CMD := $(if $(LMS_INSTANCE_PATH),LMS_INSTANCE_PATH=$(LMS_INSTANCE_PATH) )$(abspath $(BIN))/flask --app lms

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask content import --if-empty
	@echo ""
	@echo "  The site is at http://127.0.0.1:$(PORT)/ : its home page lists the courses:"
	@echo "    http://127.0.0.1:$(PORT)/courses/restraint-and-seclusion/"
	@echo "    http://127.0.0.1:$(PORT)/courses/supporting-families/"
	@echo "  Emails (sign-up links, password resets) are written to $(INSTANCE)/outbox/ (the log names each)."
	@echo "  Create the first admin in another terminal (it asks for a password; then invite others"
	@echo "  at http://127.0.0.1:$(PORT)/admin/people):"
	@echo "    $(FLASK_CMD) users create you@example.org --name 'Your Name' --role admin"
	@if [ "$$(id -u)" = 0 ]; then echo "  Running as root, Celery's worker warns about superuser privileges: harmless on a"; \
	  echo "  machine of your own; in production run it as an ordinary user (docs/OPERATIONS.md)."; fi
	@echo ""
	PORT=$(PORT) $(BIN)/honcho start -f Procfile

# PYTHONNODEBUGRANGES: no column ranges in code objects, so a traceback logged by a finalizer
# that the garbage collector runs inside another ast.parse (werkzeug compiling a URL rule) does
# not parse again; on CPython 3.11 before 3.11.8 that nested parse raised SystemError ("AST
# constructor recursion depth mismatch", CPython gh-106905). tests/test_interpreter.py shows it.
test: system-deps $(VENV)/.installed-test $(CATALOGS)
	PYTHONNODEBUGRANGES=1 $(BIN)/pytest $(PYTEST_ARGS)

# Each prints its figures beside its floor; docs/performance.md says what they mean.
BENCHMARKS ?= pages scale learners certificates

bench: system-deps $(VENV)/.installed-test $(CATALOGS)
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	bash .ci/services
	for b in $(BENCHMARKS); do $(BIN)/python bench/$$b.py || exit 1; done

# Lighthouse (mobile) scores of the catalogue, course home, lesson, quiz and handout; on demand, not in
# `make test`. Its own server on LIGHTHOUSE_PORT; Lighthouse is installed outside the repository.
LIGHTHOUSE_PORT ?= 5180

lighthouse: system-deps $(VENV)/.installed-run $(CATALOGS)
	PORT=$(LIGHTHOUSE_PORT) bash bench/lighthouse.sh

lint: $(VENV)/.installed-test
	$(BIN)/ruff check lms tests celery_worker.py bench
