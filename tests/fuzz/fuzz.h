/*
 * Shared by the libFuzzer targets: the entry point's prototype and a check that stops the fuzzer
 * (abort, so libFuzzer saves the input) when a parser breaks a promise its header makes.
 */
#ifndef TAMBON_FUZZ_H
#define TAMBON_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                         \
            abort();                                                                                         \
        }                                                                                                    \
    } while (0)

#endif
