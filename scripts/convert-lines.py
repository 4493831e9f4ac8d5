#!/usr/bin/env python3
"""Builds data/lines/position_lines.csv: every position line (สายงาน) Tambon knows.

Inputs:
  * the OCSC list of central position lines, "Thai name|official English name" per line
    (/work/shared/data/position-lines-ocsc.txt);
  * scripts/local-lines.txt: LAO-only lines with English names of our own, "Thai|English|type".

Output columns: code, name_th, name_en, type_code, source ('ocsc' or 'local').

Position type. The OCSC list does not say which position type (executive, director, academic, general)
a line belongs to, so this script decides, in this order, the first rule that matches winning:
  1. the type written in local-lines.txt;
  2. OVERRIDES below: lines whose names do not follow the naming pattern;
  3. the naming rule:
       นักบริหารงาน...              -> director   (heads of สำนัก/กอง; นักบริหารงานท้องถิ่น is in 1.)
       ผู้อำนวยการ...               -> director   (including ผู้อำนวยการเฉพาะด้าน (...))
       ผู้ช่วย...                    -> contract   (assistants are contract staff, พนักงานจ้าง)
       เจ้าพนักงาน..., เจ้าหน้าที่...,
       นายช่าง..., ช่าง...           -> general
       นัก..., วิศวกร..., ...กร       -> academic
  4. otherwise the script stops: a new line needs a deliberate decision (an override).

Codes. A line's code is short ASCII: "c" + 3 digits for OCSC lines, "l" + 3 digits for local lines,
numbered in order of first appearance in their source. Codes are referenced by positions and
appointments, so they must never change: the script reads the codes already in the output file and
keeps them (matching on the Thai name); only lines it has never seen get the next free number. Never
renumber by hand; a renamed line is a new line.

English names: where OCSC gives alternatives joined by "หรือ" ("or"), the first is kept. White space is
tidied. Thai names are kept as published; the seed normalises them (thai_normalize) on load.

Usage: scripts/convert-lines.py [OCSC_LIST] [LOCAL_LIST] [OUT_CSV]
"""
import csv
import os
import re
import sys

TYPES = ("executive", "director", "academic", "general", "teacher", "employee", "contract")

OVERRIDES = {
    # Central executive and inspector lines (ประเภทบริหาร).
    "นักบริหาร": "executive",
    "นักบริหารการทูต": "executive",
    "นักปกครอง": "executive",
    "ผู้ตรวจราชการกระทรวง": "executive",
    "ผู้ตรวจราชการกรม": "director",
    # Professional lines whose names look like general ones, or follow no pattern.
    "เจ้าหน้าที่คดีพิเศษ": "academic",
    "เจ้าหน้าที่จัดผลประโยชน์": "academic",
    "เจ้าพนักงานปกครอง": "academic",
    "เจ้าพนักงานตรวจท่า": "academic",
    "เจ้าพนักงานนำร่อง": "academic",
    "เจ้าพนักงานตรวจเรือ": "academic",
    "นายช่างกลเรือ": "academic",
    "ช่างภาพการแพทย์": "academic",
    "พนักงานคุมประพฤติ": "academic",
    "พนักงานสอบสวนคดีพิเศษ": "academic",
    "อาลักษณ์": "academic",
    "ทันตแพทย์": "academic",
    "นายแพทย์": "academic",
    "นายสัตวแพทย์": "academic",
    "พยาบาลวิชาชีพ": "academic",
    "สถาปนิก": "academic",
    "ภูมิสถาปนิก": "academic",
    "บรรณารักษ์": "academic",
    "ภัณฑารักษ์": "academic",
    "วิทยาจารย์": "academic",
    # General (operational) lines that the naming rule would miss or call professional.
    "โภชนากร": "general",
    "สัตวแพทย์": "general",
    "พยาบาลเทคนิค": "general",
    "ผู้ประกาศและรายงานข่าว": "general",
    "คีตศิลปิน": "general",
    "ดุริยางคศิลปิน": "general",
    "นาฏศิลปิน": "general",
    "ครูการศึกษาพิเศษ": "general",
    "อนุศาสนาจารย์": "general",
}

PREFIX_RULES = (
    ("นักบริหารงาน", "director"),
    ("ผู้อำนวยการ", "director"),
    ("ผู้ช่วย", "contract"),
    ("เจ้าพนักงาน", "general"),
    ("เจ้าหน้าที่", "general"),
    ("นายช่าง", "general"),
    ("ช่าง", "general"),
    ("นัก", "academic"),
    ("วิศวกร", "academic"),
)


def fail(msg):
    sys.exit("convert-lines: " + msg)


def position_type(name, explicit=""):
    if explicit:
        return explicit
    if name in OVERRIDES:
        return OVERRIDES[name]
    for prefix, t in PREFIX_RULES:
        if name.startswith(prefix):
            return t
    if name.endswith("กร"):
        return "academic"
    return None


def tidy_en(s):
    s = s.split("หรือ")[0]
    s = " ".join(s.split())
    return s.replace("( ", "(").replace(" )", ")")


def read_ocsc(path):
    lines = []
    with open(path, encoding="utf-8-sig") as f:
        for n, raw in enumerate(f, 1):
            raw = raw.strip()
            if not raw:
                continue
            parts = raw.split("|")
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                fail("%s:%d: expected 'Thai|English'" % (path, n))
            lines.append((" ".join(parts[0].split()), tidy_en(parts[1]), ""))
    return lines


def read_local(path):
    lines = []
    with open(path, encoding="utf-8-sig") as f:
        for n, raw in enumerate(f, 1):
            raw = raw.strip()
            if not raw or raw.startswith("#"):
                continue
            parts = [p.strip() for p in raw.split("|")]
            if len(parts) != 3 or not parts[0] or not parts[1]:
                fail("%s:%d: expected 'Thai|English|type'" % (path, n))
            if parts[2] and parts[2] not in TYPES:
                fail("%s:%d: unknown position type %r" % (path, n, parts[2]))
            lines.append((" ".join(parts[0].split()), " ".join(parts[1].split()), parts[2]))
    return lines


def read_registry(path):
    """Codes already assigned: name_th -> code."""
    codes = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                codes[row["name_th"]] = row["code"]
    return codes


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ocsc_path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/position-lines-ocsc.txt"
    local_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "scripts", "local-lines.txt")
    out_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, "data", "lines", "position_lines.csv")

    registry = read_registry(out_path)
    used = set(registry.values())
    next_no = {"c": 1, "l": 1}
    for code in used:
        m = re.fullmatch(r"([cl])(\d{3,})", code)
        if not m:
            fail("unexpected code %r in %s" % (code, out_path))
        next_no[m.group(1)] = max(next_no[m.group(1)], int(m.group(2)) + 1)

    rows, seen = [], set()
    skipped = []
    for source, prefix, entries in (("ocsc", "c", read_ocsc(ocsc_path)), ("local", "l", read_local(local_path))):
        for name_th, name_en, explicit in entries:
            if name_th in seen:
                if source == "local":
                    skipped.append(name_th)
                    continue
                fail("duplicate line in the OCSC list: " + name_th)
            seen.add(name_th)
            t = position_type(name_th, explicit)
            if t is None:
                fail("no position type rule matches %s: add it to OVERRIDES" % name_th)
            code = registry.get(name_th)
            if code is None or not code.startswith(prefix):
                code = "%s%03d" % (prefix, next_no[prefix])
                next_no[prefix] += 1
            rows.append((code, name_th, name_en, t, source))

    rows.sort()
    if len({r[0] for r in rows}) != len(rows):
        fail("two lines share a code")
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name_th", "name_en", "type_code", "source"])
        w.writerows(rows)

    by_type = {}
    for r in rows:
        by_type[r[3]] = by_type.get(r[3], 0) + 1
    print("position lines %d (ocsc %d, local %d)" % (len(rows), sum(r[4] == "ocsc" for r in rows),
                                                     sum(r[4] == "local" for r in rows)))
    for t in TYPES:
        print("  %-10s %4d" % (t, by_type.get(t, 0)))
    for name in skipped:
        print("  already on the OCSC list, local entry skipped: " + name)


if __name__ == "__main__":
    main()
