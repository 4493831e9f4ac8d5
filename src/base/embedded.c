/*
 * Lookup of files compiled into the binary.
 */
#include "base/embedded.h"

#include <string.h>

const struct embedded_file *embedded_data_find(const char *name)
{
    for (size_t i = 0; i < data_count; i++)
        if (strcmp(data_files[i].name, name) == 0)
            return &data_files[i];
    return NULL;
}
