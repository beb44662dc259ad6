PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := data/sample-harbour-bridge.txt
SAMPLE_DATE := $(shell cat data/sample-harbour-bridge.published 2>/dev/null)

.PHONY: demo test figures bench clean

$(BIN)/timeline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/timeline
	$(BIN)/timeline build $(SAMPLE) --published $(SAMPLE_DATE) --json figures/sample.json --png figures/sample.png
	@echo "wrote figures/sample.json and figures/sample.png"

test: $(BIN)/timeline
	$(BIN)/python -m pytest

figures: $(BIN)/timeline
	$(BIN)/python -m timeline.figures

bench: $(BIN)/timeline
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
