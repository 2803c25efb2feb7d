# finnr quick start: `make demo` and `make test` work on a fresh clone with
# only Python 3.11, git, make and a C++ compiler; everything else is
# installed here into .venv.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.finnr-installed
TEST_STAMP := $(VENV)/.finnr-test-installed
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	$(PIP) install --no-deps hls4ml==1.3.0
	touch $@ $(STAMP)

venv: $(STAMP)

# Until `finnr build` exists: round-trip the bundled example through
# finnr-opt (custom and generic form) and run it with the interpreter.
demo: $(STAMP)
	@mkdir -p build/demo
	$(BIN)/finnr-opt examples/tfc_w2a2.mlir -o build/demo/tfc_w2a2.roundtrip.mlir
	$(BIN)/finnr-opt build/demo/tfc_w2a2.roundtrip.mlir --print-op-generic -o build/demo/tfc_w2a2.generic.mlir
	$(BIN)/python -c "import numpy as np; np.save('build/demo/input.npy', np.linspace(-1, 1, 16, dtype=np.float32).reshape(2, 8))"
	$(BIN)/finnr run build/demo/tfc_w2a2.generic.mlir --input build/demo/input.npy
	@echo "finnr demo: results in build/demo/"

# pytest and lit both run; the target fails if either fails.
test: $(TEST_STAMP)
	@rc=0; \
	$(BIN)/python -m pytest -q tests || rc=1; \
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/lit -sv tests/filecheck || rc=1; \
	exit $$rc

clean:
	rm -rf build .pytest_cache tests/filecheck/Output
