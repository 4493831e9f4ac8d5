/*
 * The pure half of the audit trail: the canonical form of a row and its SHA-256, validation of an entry
 * before it is written, the timestamp format, and the changed-keys helper. No I/O here.
 */
#include "modules/audit/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/err.h"
#include "base/jsonx.h"
#include "thai/utf8.h"

/* Where the canonical form goes: a buffer (audit_canonical) or a running hash (audit_hash). */
struct sink {
    struct buf *buf;
    crypto_hash_sha256_state *sha;
    int rc; /* the first buffer error; later writes are skipped */
};

static void sink_put(struct sink *s, const void *p, size_t n)
{
    if (s->rc != ERR_OK || n == 0)
        return;
    if (s->buf)
        s->rc = buf_append(s->buf, p, n);
    else
        crypto_hash_sha256_update(s->sha, p, n);
}

/* One column: "<length>:<bytes>\n", or "-\n" for NULL. */
static void sink_field(struct sink *s, const char *v)
{
    if (!v) {
        sink_put(s, "-\n", 2);
        return;
    }
    size_t len = strlen(v);
    char prefix[24];
    int n = snprintf(prefix, sizeof prefix, "%zu:", len);
    sink_put(s, prefix, (size_t)n);
    sink_put(s, v, len);
    sink_put(s, "\n", 1);
}

/* The whole canonical form. The order of the columns is part of the format: never change it. */
static void encode(const struct audit_row *r, struct sink *s)
{
    const char *const fields[] = {
        r->id,        r->at,     r->actor_user_id, r->actor, r->lao_id,     r->entity,
        r->entity_id, r->action, r->before,        r->after, r->request_id, r->prev_hash,
    };
    sink_put(s, AUDIT_FORMAT_TAG, sizeof AUDIT_FORMAT_TAG - 1);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        sink_field(s, fields[i]);
}

int audit_canonical(const struct audit_row *r, struct buf *out)
{
    struct sink s = {.buf = out};
    size_t before = out->len;
    encode(r, &s);
    if (s.rc != ERR_OK)
        buf_truncate(out, before);
    return s.rc;
}

void audit_hash(const struct audit_row *r, char out[AUDIT_HASH_HEX + 1])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    struct sink s = {.sha = &st};
    crypto_hash_sha256_init(&st);
    encode(r, &s);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(out, AUDIT_HASH_HEX + 1, digest, sizeof digest);
}

bool audit_hash_wellformed(const char *s)
{
    if (!s)
        return false;
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= AUDIT_HASH_HEX || !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return i == AUDIT_HASH_HEX;
}

/* entity and action: 1..AUDIT_NAME_MAX bytes of [a-z0-9_] starting with a letter. */
static bool name_ok(const char *s)
{
    if (!s || !(s[0] >= 'a' && s[0] <= 'z'))
        return false;
    size_t i = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if (i >= AUDIT_NAME_MAX || !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/*
 * actor and entity_id: 1..AUDIT_LABEL_MAX bytes of well-formed UTF-8 without control characters
 * (C0, DEL, C1), so that a label prints on one line of a terminal or a log and PostgreSQL accepts it.
 */
static bool label_ok(const char *s)
{
    if (!s)
        return false;
    size_t len = strlen(s);
    if (len == 0 || len > AUDIT_LABEL_MAX)
        return false;
    size_t pos = 0;
    while (pos < len) {
        int32_t cp = thai_utf8_next(s, len, &pos);
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
            return false; /* also -1: ill-formed */
    }
    return true;
}

/* request_id: 1..AUDIT_REQUEST_ID_MAX bytes of printable ASCII without spaces. */
static bool request_id_ok(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= AUDIT_REQUEST_ID_MAX || s[i] <= 0x20 || s[i] >= 0x7f)
            return false;
    return i > 0;
}

int audit_entry_check(const struct audit_entry *e)
{
    if (!e || !label_ok(e->actor) || !name_ok(e->entity) || !name_ok(e->action))
        return ERR_INVAL;
    if (e->entity_id && !label_ok(e->entity_id))
        return ERR_INVAL;
    if (e->request_id && !request_id_ok(e->request_id))
        return ERR_INVAL;
    if (e->actor_user_id < 0 || e->lao_id < 0)
        return ERR_INVAL;
    if ((e->before && !json_is_object(e->before)) || (e->after && !json_is_object(e->after)))
        return ERR_INVAL;
    bool has_before = e->before != NULL, has_after = e->after != NULL;
    if (strcmp(e->action, "create") == 0 && (has_before || !has_after))
        return ERR_INVAL;
    if (strcmp(e->action, "update") == 0 && (!has_before || !has_after))
        return ERR_INVAL;
    if (strcmp(e->action, "delete") == 0 && (!has_before || has_after))
        return ERR_INVAL;
    return ERR_OK;
}

int audit_json_text(const json_t *v, char **out)
{
    *out = NULL;
    if (!v)
        return ERR_OK;
    char *text = jsonx_dump(v);
    if (strlen(text) > AUDIT_JSON_MAX) {
        free(text);
        return ERR_TOOBIG;
    }
    *out = text;
    return ERR_OK;
}

void audit_format_time(int64_t seconds, int32_t micros, char out[AUDIT_AT_LEN + 1])
{
    const int64_t lo = date_to_days((struct date){1, 1, 1}) * 86400;
    const int64_t hi = date_to_days((struct date){9999, 12, 31}) * 86400 + 86399;
    if (seconds < lo)
        seconds = lo;
    if (seconds > hi)
        seconds = hi;
    if (micros < 0)
        micros = 0;
    if (micros > 999999)
        micros = 999999;
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t sod = seconds - days * 86400;
    struct date d = date_from_days(days);
    /* Every field is in range here, so the text is exactly AUDIT_AT_LEN bytes; the larger buffer only
     * spares the compiler from proving it. */
    char text[64];
    snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", d.y, d.m, d.d, (int)(sod / 3600),
             (int)(sod / 60 % 60), (int)(sod % 60), (int)micros);
    memcpy(out, text, AUDIT_AT_LEN);
    out[AUDIT_AT_LEN] = '\0';
}

/* Adds key: [old, new] to out when the two values (either may be NULL: missing) differ. */
static void change_of(json_t *out, const char *key, json_t *old, json_t *new)
{
    if (old && new &&json_equal(old, new))
        return;
    json_t *pair = json_pack("[OO]", old ? old : json_null(), new ? new : json_null());
    if (!pair)
        arena_oom(0);
    json_object_set_new(out, key, pair);
}

int audit_changes(const json_t *before, const json_t *after, json_t **out)
{
    *out = NULL;
    if ((before && !json_is_object(before)) || (after && !json_is_object(after)))
        return ERR_INVAL;
    json_t *changes = json_object();
    if (!changes)
        arena_oom(0);
    const char *key;
    json_t *v;
    if (before) {
        json_object_foreach((json_t *)before, key, v)
        {
            change_of(changes, key, v, after ? json_object_get(after, key) : NULL);
        }
    }
    if (after) {
        json_object_foreach((json_t *)after, key, v)
        {
            if (!before || !json_object_get(before, key))
                change_of(changes, key, NULL, v);
        }
    }
    *out = changes;
    return ERR_OK;
}

const char *audit_problem_text(enum audit_problem p)
{
    switch (p) {
    case AUDIT_INTACT:
        return "intact";
    case AUDIT_CONTENT:
        return "the entry's content does not match its hash (the entry was edited)";
    case AUDIT_LINK:
        return "the entry's prev_hash does not match the hash of the entry before it"
               " (an entry before it was removed, inserted or renumbered)";
    case AUDIT_HEAD_MISSING:
        return "the recorded head is not in the chain (entries were removed from the end)";
    }
    return "unknown problem";
}

const char *audit_problem_text_th(enum audit_problem p)
{
    switch (p) {
    case AUDIT_INTACT:
        return "ครบถ้วน";
    case AUDIT_CONTENT:
        return "เนื้อหาของรายการไม่ตรงกับค่าแฮช (รายการถูกแก้ไข)";
    case AUDIT_LINK:
        return "ค่าแฮชก่อนหน้า (prev_hash) ไม่ตรงกับค่าแฮชของรายการก่อนหน้า"
               " (มีรายการก่อนหน้าถูกลบ แทรก หรือเปลี่ยนลำดับ)";
    case AUDIT_HEAD_MISSING:
        return "ไม่พบรายการล่าสุดที่บันทึกไว้ในสายโซ่ (รายการท้ายสุดถูกลบ)";
    }
    return "ปัญหาที่ไม่รู้จัก";
}
