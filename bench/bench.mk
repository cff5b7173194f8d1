# bench/: benchmarks, run by `make bench` and never by `make test`. Each part adds its
# bench target to BENCH_TARGETS (a list: add yours on its own line). -k: one failing
# bench does not hide the others.

BENCH_TARGETS += bench-recorder

.PHONY: bench bench-recorder
bench-recorder: $(BUILD)/recorder/lockstep-record $(ROOT)/.stamp
	python3 bench/recorder/bench_recorder.py

bench:
	@$(MAKE) -k --no-print-directory $(BENCH_TARGETS)
