# The two commands of the README: `make run` and `make test`. Both install what is
# missing (scripts/setup.sh), configure once and build incrementally with ccache.
BUILD     ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS      ?= $(shell nproc)
EXPORT    ?=
CMAKE_FLAGS ?=

.PHONY: all setup configure build run test bench format clean

all: build

setup:
	@scripts/setup.sh

# The dashboard's one runtime dependency (uplot), embedded in the binary at build time.
# (Defined before the rules that name it: make expands prerequisites as it reads them.)
WEB_DEPS := src/present/web/node_modules/.package-lock.json
$(WEB_DEPS): src/present/web/package-lock.json | setup
	npm ci --prefix src/present/web --no-audit --no-fund --loglevel=error

$(BUILD)/CMakeCache.txt: | setup $(WEB_DEPS)
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DIK_BUILD_TESTS=ON \
	  -DIK_WERROR=$(if $(CI),ON,OFF) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: setup configure $(WEB_DEPS)
	cmake --build $(BUILD) -j $(JOBS)

# Imports the bundled demo exports (or EXPORT=path/to/export.zip), prints the status,
# the withdrawal plan and what to do next.
run: build
	@scripts/run.sh $(BUILD) $(EXPORT)

# The browser tests' one npm dependency (playwright-core, which drives Debian's
# chromium and downloads no browser), installed from the lock file.
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json
$(BROWSER_DEPS): tests/browser/package-lock.json | setup
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

test: build $(BROWSER_DEPS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench:
	@IK_SETUP_BENCH=1 scripts/setup.sh
	@$(MAKE) --no-print-directory build
	@bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD)
