# gazette-extract — every target does its own set-up on a fresh machine (Python 3.11 + make).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-dev
SAMPLE := samples/gazette-a.pdf

.PHONY: demo test fuzz samples samples-deps schemas bench system-deps browser clean variants

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,ray]'
	touch $(STAMP)

## demo: extract the bundled sample gazette into out/demo/ and print a summary
demo: $(STAMP)
	$(VENV)/bin/gazette-extract extract $(SAMPLE) --out out/demo
	@echo "files in out/demo:" && ls out/demo

## test: install with the dev and ray extras (and the fonts the tests' own PDFs use), run the test suite
test: $(STAMP) system-deps browser
	$(PY) -m pytest -q

## fuzz: the damaged-PDF contract on 1,000 seeded mutations of the samples (and the corpus when
## ../shared/corpus is there); figures printed at the end, failing recipes added to
## tests/fuzz_regressions.json (replayed by make test). FUZZ_CASES / FUZZ_JOBS to change.
FUZZ_CASES ?= 1000
FUZZ_JOBS  ?= 2
fuzz: $(STAMP) system-deps
	$(PY) tests/fuzzing.py --cases $(FUZZ_CASES) --jobs $(FUZZ_JOBS)

## system-deps: CJK fonts and poppler, for typesetting the samples and for the tests that make
## their own PDFs (Debian packages; run as root, as on CI). Skipped when already installed.
FONT_FILES := /usr/share/fonts/truetype/arphic/uming.ttc /usr/share/fonts/truetype/arphic/ukai.ttc \
              /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
system-deps:
	@missing=0; for f in $(FONT_FILES); do test -f $$f || missing=1; done; \
	command -v pdftoppm >/dev/null || missing=1; \
	if [ $$missing = 1 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-dejavu-core poppler-utils >/dev/null; fi

## browser: Debian's chromium, which the report's browser test drives through Playwright
## (Playwright's own browser download is never used). Skipped when already installed.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq chromium >/dev/null; }

## samples: re-typeset every sample PDF from samples/source/ with every producer (reportlab;
## Chromium from HTML; LibreOffice from DOCX). Installs what only this needs: Chromium,
## LibreOffice Writer, the Noto/WenQuanYi fonts (Debian packages, as root, skipped when present)
## and the `samples` extra. `make test` needs none of it: the PDFs are committed.
SAMPLE_FONTS := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
samples-deps: system-deps
	@missing=0; for f in $(SAMPLE_FONTS); do test -f $$f || missing=1; done; \
	command -v chromium >/dev/null || missing=1; command -v soffice >/dev/null || missing=1; \
	test -n "$$(ldconfig -p | grep libpangoft2-1.0)" || missing=1; \
	if [ $$missing = 1 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium libreoffice-writer fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; fi
	$(PY) -c "import docx, fontTools, weasyprint" 2>/dev/null || $(PY) -m pip install -q -e '.[dev,samples]'

samples: $(STAMP) samples-deps
	$(PY) samples/producers.py

## variants: the variation sweep — both source issues typeset under VARIANTS seeded random styles
## per producer (reportlab, Chromium, LibreOffice), extracted and scored; prints the score
## distribution per producer and the failing expectation classes (PDFs kept in out/variants/)
VARIANTS ?= 6
variants: $(STAMP) samples-deps
	$(PY) bench/variants.py --n $(VARIANTS) --json out/variants/results.json

## schemas: write the JSON Schema of the models into schemas/
schemas: $(STAMP)
	$(PY) -m gazette_extract.schema schemas

## bench: time and memory of the pipeline against the pdfplumber floor and pypdfium2; then
## batch throughput on 20 gazettes (local and Ray engines, 2 workers) and a resumed re-run
bench: $(STAMP)
	$(PY) bench/bench.py
	$(PY) bench/batch_bench.py

clean:
	rm -rf $(VENV) out
