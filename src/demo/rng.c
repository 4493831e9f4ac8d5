/*
 * splitmix64 and xoshiro256** for the demo generator (see rng.h).
 */
#include "demo/rng.h"

uint64_t demo_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint64_t demo_hash(uint64_t seed, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325u ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return demo_splitmix64(&h);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = demo_splitmix64(&st);
    /* splitmix64 never yields four zero words in a row, but keep the invariant explicit. */
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
        r->s[0] = 1;
}

void demo_rng_derive(struct demo_rng *r, uint64_t seed, const char *key)
{
    size_t len = 0;
    while (key[len])
        len++;
    demo_rng_seed(r, demo_hash(seed, key, len));
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    /* Rejection sampling: draw from the largest multiple of n that fits in 64 bits. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = demo_rng_next(r);
    while (x >= limit);
    return x % n;
}

int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
    if (hi <= lo)
        return lo;
    uint64_t span = (uint64_t)hi - (uint64_t)lo + 1; /* 0 only for the full 64-bit range */
    uint64_t x = span ? demo_rng_below(r, span) : demo_rng_next(r);
    return (int64_t)((uint64_t)lo + x);
}

bool demo_rng_permille(struct demo_rng *r, int permille)
{
    if (permille <= 0)
        return false;
    if (permille >= 1000)
        return true;
    return demo_rng_below(r, 1000) < (uint64_t)permille;
}

size_t demo_rng_weighted(struct demo_rng *r, const unsigned *weights, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += weights[i];
    if (sum == 0)
        return 0;
    uint64_t x = demo_rng_below(r, sum);
    for (size_t i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}
