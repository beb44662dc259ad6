PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := data/sample-harbour-bridge.txt
SAMPLE_DATE := $(shell cat data/sample-harbour-bridge.published 2>/dev/null)

.PHONY: demo test figures bench fuzz clean

$(BIN)/timeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dask]'
	touch $@

# The demo writes to out/ (ignored by git): the committed figures/ are redrawn by `make figures`.
demo: $(BIN)/timeline
	mkdir -p out
	$(BIN)/timeline build $(SAMPLE) --published $(SAMPLE_DATE) --json out/sample.json --png out/sample.png
	@echo "wrote out/sample.json and out/sample.png"

test: $(BIN)/timeline
	$(BIN)/python -m pytest

figures: $(BIN)/timeline
	$(BIN)/python -m timeline.figures

bench: $(BIN)/timeline
	$(BIN)/python benchmarks/run_all.py

# Not part of `make test`: fuzz build_timeline for FUZZ_SECONDS (atheris; hypothesis if atheris cannot be installed).
FUZZ_SECONDS ?= 600
fuzz: $(BIN)/timeline
	$(BIN)/python -c 'import atheris' 2>/dev/null || $(BIN)/pip install --quiet atheris || true
	$(BIN)/python benchmarks/fuzz_build.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build *.egg-info out
