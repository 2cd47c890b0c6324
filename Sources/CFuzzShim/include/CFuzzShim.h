#ifndef MERIT_FUZZ_SHIM_H
#define MERIT_FUZZ_SHIM_H
#include <stddef.h>
#include <stdint.h>

/// What libFuzzer calls with each input; returns 0.
typedef int (*merit_fuzz_callback)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (its command-line flags in argv) over `callback`. Returns 2 when the
/// executable was not built with -sanitize=fuzzer (libFuzzer is then absent).
int merit_fuzz_run(int argc, char **argv, merit_fuzz_callback callback);

#endif
