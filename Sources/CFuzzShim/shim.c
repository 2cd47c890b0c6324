// The entry into libFuzzer for `merit-fuzz`. SwiftPM renames an executable's `main` (to
// `merit_fuzz_main`), so libFuzzer's own `main` is not used: the Swift main picks the target and calls
// LLVMFuzzerRunDriver through here. Declared weak, so that ordinary builds (without -sanitize=fuzzer)
// still link; the driver is then absent and the run says how to build it.
#include "CFuzzShim.h"
#include <stdio.h>

__attribute__((weak)) int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int merit_fuzz_run(int argc, char **argv, merit_fuzz_callback callback) {
    if (LLVMFuzzerRunDriver == NULL) {
        fprintf(stderr, "merit-fuzz: built without libFuzzer; build it with scripts/fuzz (swift build -Xswiftc -sanitize=fuzzer,address)\n");
        return 2;
    }
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
