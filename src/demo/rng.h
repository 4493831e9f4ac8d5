/*
 * The demo generator's pseudo-random numbers: xoshiro256** seeded through splitmix64 (both after
 * Blackman and Vigna's published algorithms, written here from their description). Deterministic on
 * every platform: the same seed gives the same sequence, so `tambon demo --seed N` gives the same data
 * on SQLite and PostgreSQL, today and next year. Never rand() or the time.
 *
 * Streams: demo_rng_derive() makes an independent generator from a seed and a key (for instance a LAO
 * code), so one LAO's data does not depend on which other LAOs were generated before it: the same
 * LAO looks the same at province and at national scale.
 */
#ifndef TAMBON_DEMO_RNG_H
#define TAMBON_DEMO_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct demo_rng {
    uint64_t s[4];
};

/* One step of splitmix64 on *state: used for seeding and for hashing keys. */
uint64_t demo_splitmix64(uint64_t *state);
/* A 64-bit hash of len bytes mixed with seed (FNV-1a folded through splitmix64); stable forever. */
uint64_t demo_hash(uint64_t seed, const void *data, size_t len);

/* Seeds r from a 64-bit seed; every seed (0 included) gives a usable, distinct state. */
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
/* Seeds r from seed and a key string: the stream for one LAO, one phase, ... */
void demo_rng_derive(struct demo_rng *r, uint64_t seed, const char *key);
/* The next 64 random bits. */
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, n) without modulo bias; n must be > 0 (returns 0 for n == 0). */
uint64_t demo_rng_below(struct demo_rng *r, uint64_t n);
/* Uniform in [lo, hi] (inclusive); lo <= hi. */
int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi);
/* True with probability permille / 1000 (0 never, 1000 always). */
bool demo_rng_permille(struct demo_rng *r, int permille);
/*
 * Index i in [0, n) chosen with probability weights[i] / sum(weights). Weights are non-negative and
 * their sum positive; returns 0 when the sum is 0.
 */
size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n);

#endif
