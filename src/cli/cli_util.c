/*
 * Helpers shared by the commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char *cli_default_db(void)
{
    const char *env = getenv("TAMBON_DB");
    return env && *env ? env : "tambon.db";
}

int cli_option(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        (*i)++;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "tambon: %s ต้องมีค่าตามหลัง (%s needs a value)\n", name, name);
        return -1;
    }
    *value = argv[*i + 1];
    *i += 2;
    return 1;
}
