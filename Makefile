# A thin front door over CMake presets: a newcomer only types `make ...`.
#   make demo    install missing packages, build, run the main job on the
#                bundled demo data (out/demo.db and the reports in out/)
#   make test    install missing packages, build the dev and asan presets,
#                and run the whole suite under CTest on both; then build
#                the release preset (what make demo runs: -O2 warnings)
#   make build   the dev build only;  make bench  the benchmarks
#   make format  clang-format every C file;  make clean  remove build/ out/
.PHONY: all deps build release demo test test-dev test-asan bench format check-src clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev

release: deps
	cmake --preset release >/dev/null
	cmake --build --preset release

demo: release
	build/release/junkan demo --data data/demo --out out

test: deps check-src
	cmake --workflow --preset dev
	cmake --workflow --preset asan
	cmake --preset release >/dev/null
	cmake --build --preset release

test-dev: deps
	cmake --workflow --preset dev

test-asan: deps
	cmake --workflow --preset asan

bench: release
	scripts/install-deps.sh scripts/deps-bench.txt
	bench/import_bench.sh
	bench/reconcile_bench.sh
	bench/server_bench.sh
	bench/market_bench.sh
	bench/diagnosis_bench.sh
	bench/pg_bench.sh

check-src:
	@scripts/checksrc.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build out
