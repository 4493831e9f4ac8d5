/*
 * Amounts of money in Thai words, as written on cheques, receipts and payment vouchers
 * ("หนึ่งร้อยเอ็ดบาทห้าสิบสตางค์"). Amounts are integers counting satang (1 baht = 100 satang), like every
 * money value in Tambon.
 *
 * Convention: a 1 in the units place of a number of two or more digits is read เอ็ด, the Royal
 * Institute reading: 11 สิบเอ็ด, 21 ยี่สิบเอ็ด, 101 หนึ่งร้อยเอ็ด. The whole number counts as one number, so
 * 1,000,001 is หนึ่งล้านเอ็ด; a count of millions follows the same rule (11,000,000 สิบเอ็ดล้าน;
 * 1,000,000 หนึ่งล้าน). Some offices write หนึ่งร้อยหนึ่ง instead: thai_bahttext_ex with
 * THAI_BAHTTEXT_NUENG gives that form.
 */
#ifndef TAMBON_THAI_BAHTTEXT_H
#define TAMBON_THAI_BAHTTEXT_H

#include <stdint.h>

#include "base/buf.h"

/*
 * Appends the amount in words: "ศูนย์บาทถ้วน" for 0, "หนึ่งสตางค์" for 1, "หนึ่งบาทถ้วน" for 100,
 * "หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบห้าสตางค์" for 12345675. Whole baht end with ถ้วน; an
 * amount below one baht has no baht part. Negative amounts start with ลบ. Every int64_t value is
 * accepted. ERR_TOOBIG when out is full (out is then unchanged).
 */
__attribute__((warn_unused_result)) int thai_bahttext(int64_t satang, struct buf *out);

/* Flag for thai_bahttext_ex: read a final 1 as หนึ่ง rather than เอ็ด after a higher digit
 * (101 หนึ่งร้อยหนึ่ง, 1,000,001 หนึ่งล้านหนึ่ง). Tens keep เอ็ด (11 สิบเอ็ด, 21 ยี่สิบเอ็ด) in both styles. */
#define THAI_BAHTTEXT_NUENG 1

/* thai_bahttext with options; flags is 0 or THAI_BAHTTEXT_NUENG (ERR_INVAL for other bits). */
__attribute__((warn_unused_result)) int thai_bahttext_ex(int64_t satang, int flags, struct buf *out);

#endif
