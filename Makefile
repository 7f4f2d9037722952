# Each target creates and reuses .venv by itself; only Python 3.11 and make are needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The demo's mail to citizens goes to files in MOTCUA_HOME/mail/ (README: notices).
demo: $(STAMP)
	MOTCUA_EMAIL_BACKEND=$${MOTCUA_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend} $(VENV)/bin/motcua demo

# Browser tests drive Debian's Chromium; install it where we may (root with apt).
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -q chromium >/dev/null || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null); \
	else echo "Chromium is missing: install Debian's 'chromium' package to run the browser tests"; fi

test: $(STAMP) $(CHROMIUM)
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/load.py

clean:
	rm -rf $(VENV) *.egg-info
