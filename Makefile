# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test install lint golden bench bytecode compiled test-compiled bench-compiled pdfs browser-pdfs writer-pdfs texts fuzz consistency table-fuzz forms clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[qa,bi,dask,test]"
	touch $(STAMP)

install: $(STAMP)

## demo: install, then extract samples/ into output/
demo: $(STAMP) bytecode
	$(VENV)/bin/reportx extract samples --out output

## lint: formatting, lint rules and strict typing
lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

## test: install, then run the linters and the test suite
test: lint
	$(PY) -m pytest

## compiled: a second environment, .venv-compiled, with reportx built by mypyc
## (REPORTX_COMPILE=1, setup.py): the same program, parsing about 1.5x as fast per core;
## run it as .venv-compiled/bin/reportx. Rebuilt when a source file changes. The
## interpreted build is installed there first, for the dependencies, whose types
## mypyc reads.
COMPILED := .venv-compiled
COMPILED_STAMP := $(COMPILED)/.installed
SOURCES := $(shell find extract normalise schemas reportx -name '*.py' -o -name '*.csv' \
	-o -name '*.txt' -o -name '*.json' -o -name '*.j2')
$(COMPILED_STAMP): setup.py pyproject.toml $(SOURCES)
	rm -rf $(COMPILED) build
	$(PYTHON) -m venv $(COMPILED)
	$(COMPILED)/bin/python -m pip install --quiet --upgrade pip "setuptools>=68" wheel \
		"mypy>=1.10" "types-regex>=2023.10"
	$(COMPILED)/bin/python -m pip install --quiet .
	REPORTX_COMPILE=1 $(COMPILED)/bin/python -m pip install --quiet --no-build-isolation \
		--no-deps --force-reinstall .
	rm -rf build
	touch $@

compiled: $(COMPILED_STAMP)

## test-compiled: the compiled build writes the same tables as the interpreted one on
## samples/ and every fixture folder (CI runs it after make test)
test-compiled: $(STAMP) $(COMPILED_STAMP)
	$(PY) -m pytest tests_compiled

## bench-compiled: make bench's figures for the compiled build
bench-compiled: $(COMPILED_STAMP)
	$(COMPILED)/bin/python bench/bench_all.py --reports $(BENCH_REPORTS)

## golden: refresh tests/golden/ (expected tables of samples/) after an intended change
golden: $(STAMP)
	$(PY) tests/golden/refresh.py

## pdfs: rebuild samples/pdf/ (ruled and unruled PDFs) from samples/*.txt
pdfs: $(STAMP)
	$(PY) samples/pdf/build.py

## browser-pdfs: rebuild samples/pdf/*-browser.pdf, the samples printed by headless
## Chromium (needs chromium; CHROMIUM=path to use another)
browser-pdfs: $(STAMP)
	$(PY) samples/pdf/build_browser.py

## writer-pdfs: rebuild samples/pdf/*-writer.pdf, the samples opened by LibreOffice
## Writer and exported to PDF (needs soffice; SOFFICE=path to use another)
writer-pdfs: $(STAMP)
	$(PY) samples/pdf/build_writer.py

## texts: rebuild samples/text/ (pdftotext -layout and plain text of the ruled PDFs)
texts: $(STAMP)
	$(PY) samples/text/build.py

## bench: reports/s and MB/s at --jobs 1 and 2 over 2,000 synthetic reports, their
## floor, PDF pages/s beside pypdfium2, start-up time and peak memory (BENCH_REPORTS)
BENCH_REPORTS ?= 2000
bench: $(STAMP) bytecode
	$(PY) bench/bench_all.py --reports $(BENCH_REPORTS)

## bytecode: compile the project's modules once, so that a run (where
## PYTHONDONTWRITEBYTECODE is set, or the tree is read-only) need not compile
## them every time it starts; a module changed since is compiled again as usual
bytecode: $(STAMP)
	$(PY) -m compileall -q -j 0 extract normalise schemas

## realpdfs: fetch the public test PDFs in tests/fixtures/realpdf/urls.txt (network)
## into REALPDFS and check each comes out ok (rows or no_facts) or failed with a reason
REALPDFS ?= $(VENV)/realpdfs
.PHONY: realpdfs
realpdfs: $(STAMP)
	mkdir -p $(REALPDFS)
	grep '^https://' tests/fixtures/realpdf/urls.txt | while read -r url; do \
		name=$$(echo "$$url" | cut -d/ -f5)-$$(basename "$$url"); \
		[ -s "$(REALPDFS)/$$name" ] || curl -sSfL --retry 2 -o "$(REALPDFS)/$$name" "$$url" \
			|| echo "not fetched: $$url"; \
	done
	cp tests/fixtures/realpdf/*.pdf $(REALPDFS)/
	REALPDFS=$(REALPDFS) $(PY) -m pytest -q tests/test_real_pdfs.py -k fetched

## fuzz: coverage-guided fuzzing (atheris) of the text and PDF paths, FUZZ_SECONDS each;
## crashing inputs land in .fuzz/crashes/ (turn each into a regression test)
FUZZ_SECONDS ?= 600
fuzz: $(STAMP)
	$(PY) -m pip install --quiet "atheris>=2.3"
	mkdir -p .fuzz/text .fuzz/pdf .fuzz/crashes
	FUZZ_FORM=txt $(PY) fuzz/fuzz_reports.py .fuzz/text samples samples/text \
		-max_total_time=$(FUZZ_SECONDS) -timeout=60 -rss_limit_mb=4096 \
		-artifact_prefix=.fuzz/crashes/text- -print_final_stats=1
	FUZZ_FORM=pdf $(PY) fuzz/fuzz_reports.py .fuzz/pdf samples/pdf \
		-max_total_time=$(FUZZ_SECONDS) -timeout=60 -rss_limit_mb=4096 \
		-artifact_prefix=.fuzz/crashes/pdf- -print_final_stats=1

## consistency: N fuzzed reports printed as PDFs, their PDFs and pdftotext forms read
## against their TAB text (WRONG / SURPLUS / MISSING rows, qa/consistency/) into
## .consistency/, then the summary (needs poppler-utils: pdftotext)
N ?= 60
consistency: $(STAMP)
	@command -v pdftotext >/dev/null 2>&1 || { \
		echo "make consistency needs pdftotext: apt-get install poppler-utils" >&2; exit 1; }
	$(PY) -m qa.consistency.run --n $(N) --work .consistency

## table-fuzz: N generated KPI grids, action and milestone tables and status grids
## per text form read by the pipeline and checked exactly against their truth
## (qa/table_fuzz/); failing documents and their verdicts into .table_fuzz/
table-fuzz: $(STAMP)
	$(PY) -m qa.table_fuzz.run --examples $(N)

## forms: every pdftotext form (-layout, plain, -raw) of the sample PDFs into
## .forms/, read and scored against the gold file by file (qa/forms.py; needs
## poppler-utils: pdftotext)
forms: $(STAMP)
	$(PY) -m qa.forms --work .forms

clean:
	rm -rf $(VENV) $(COMPILED) build output/*.parquet output/*.json output/.reportx
