/*
 * Files compiled into the binary by tools/embed.c: SQL migrations and reference data.
 */
#ifndef TAMBON_BASE_EMBEDDED_H
#define TAMBON_BASE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;            /* path relative to the source tree, e.g. "data/geo/provinces.csv" */
    const unsigned char *data;   /* the bytes, followed by a NUL not counted in len */
    size_t len;
};

extern const struct embedded_file migrations_files[]; /* sorted by name */
extern const size_t migrations_count;
extern const struct embedded_file data_files[];       /* sorted by name */
extern const size_t data_count;
extern const struct embedded_file assets_files[];     /* front-end files served under /assets/ */
extern const size_t assets_count;

/* Returns the embedded data file with this exact name, or NULL. */
const struct embedded_file *embedded_data_find(const char *name);

#endif
