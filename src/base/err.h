/*
 * One status enum for the whole program. 0 is success everywhere; every other value names what went
 * wrong, and err_message()/err_message_th() give a sentence for people in English or Thai.
 */
#ifndef TAMBON_BASE_ERR_H
#define TAMBON_BASE_ERR_H

enum err_code {
    ERR_OK = 0,
    ERR_NOMEM,      /* out of memory */
    ERR_INVAL,      /* input is not in the expected form */
    ERR_RANGE,      /* a number or date is outside its allowed range */
    ERR_NOTFOUND,   /* the thing asked for does not exist */
    ERR_EXISTS,     /* the thing to create exists already */
    ERR_TOOBIG,     /* input or output exceeds its size limit */
    ERR_IO,         /* reading or writing a file or socket failed */
    ERR_DB,         /* the database reported an error */
    ERR_CONSTRAINT, /* a database constraint (unique, foreign key, check) refused the change */
    ERR_BUSY,       /* the resource is locked by someone else; try again */
    ERR_PERM,       /* the caller may not do this */
    ERR_UNSUPPORTED,/* the operation is not available in this configuration */
    ERR_INTERNAL,   /* a bug: an invariant did not hold */
    ERR__COUNT
};

/* A short English sentence describing code; never NULL. */
const char *err_message(int code);
/* The same in Thai; never NULL. */
const char *err_message_th(int code);
/* A stable lower-case identifier ("invalid", "not_found", ...) for APIs and logs; never NULL. */
const char *err_name(int code);

#endif
