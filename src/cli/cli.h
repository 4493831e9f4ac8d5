/*
 * Command-line entry points. Each command is one function taking (argc, argv) after the command name
 * and returning a process exit status: 0 success, 1 failure, 2 bad usage.
 */
#ifndef TAMBON_CLI_CLI_H
#define TAMBON_CLI_CLI_H

struct db;

struct cli_command {
    const char *name;
    const char *summary_th; /* one line shown by `tambon help` */
    const char *summary_en;
    int (*run)(int argc, char **argv);
};

/* The default database: $TAMBON_DB, else "tambon.db" in the working directory. */
const char *cli_default_db(void);

/*
 * Parses "--name VALUE" and "--name=VALUE" at argv[*i]. On a match stores VALUE in *value,
 * advances *i past what it consumed and returns 1; returns 0 when argv[*i] is another option and -1
 * (after printing a message) when the option lacks its value.
 */
int cli_option(int argc, char **argv, int *i, const char *name, const char **value);

/*
 * Opens target, applies pending migrations and loads reference data (what `tambon init` does), printing
 * any failure in Thai and English on stderr. On success *out is an open connection for the caller.
 */
int cli_open_and_init(const char *target, struct db **out);

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
