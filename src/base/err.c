/*
 * Messages for enum err_code.
 */
#include "base/err.h"

static const struct {
    const char *name, *en, *th;
} messages[ERR__COUNT] = {
    [ERR_OK] = {"ok", "success", "สำเร็จ"},
    [ERR_NOMEM] = {"no_memory", "out of memory", "หน่วยความจำไม่พอ"},
    [ERR_INVAL] = {"invalid", "invalid input", "ข้อมูลไม่ถูกต้อง"},
    [ERR_RANGE] = {"out_of_range", "value out of range", "ค่าอยู่นอกช่วงที่กำหนด"},
    [ERR_NOTFOUND] = {"not_found", "not found", "ไม่พบข้อมูล"},
    [ERR_EXISTS] = {"exists", "already exists", "มีข้อมูลนี้อยู่แล้ว"},
    [ERR_TOOBIG] = {"too_big", "too large", "ข้อมูลมีขนาดใหญ่เกินกำหนด"},
    [ERR_IO] = {"io", "input/output error", "อ่านหรือเขียนข้อมูลไม่สำเร็จ"},
    [ERR_DB] = {"database", "database error", "ฐานข้อมูลขัดข้อง"},
    [ERR_CONSTRAINT] = {"constraint", "the change conflicts with existing data",
                        "ข้อมูลขัดแย้งกับข้อมูลที่มีอยู่"},
    [ERR_BUSY] = {"busy", "busy, try again", "ระบบไม่ว่าง กรุณาลองใหม่"},
    [ERR_PERM] = {"forbidden", "permission denied", "ไม่มีสิทธิ์ดำเนินการ"},
    [ERR_UNSUPPORTED] = {"unsupported", "not supported", "ไม่รองรับการดำเนินการนี้"},
    [ERR_INTERNAL] = {"internal", "internal error", "ระบบขัดข้องภายใน"},
};

static int valid(int code)
{
    return code >= 0 && code < ERR__COUNT;
}

const char *err_message(int code)
{
    return valid(code) ? messages[code].en : "unknown error";
}

const char *err_message_th(int code)
{
    return valid(code) ? messages[code].th : "ข้อผิดพลาดที่ไม่รู้จัก";
}

const char *err_name(int code)
{
    return valid(code) ? messages[code].name : "unknown";
}
