#!/usr/bin/env python3
"""Converts the Thai geography reference data into the CSV files compiled into Tambon.

Reads the kongvut/thai-province-data export (geographies, provinces, districts, sub_districts) and
writes data/geo/{regions,provinces,districts,subdistricts}.csv with only the columns the geo module
loads, keyed by DOPA codes, plus data/geo/LICENSE and data/geo/README.md.

The source's province id is a row number, not the DOPA code: the 2-digit DOPA province code is taken
from the first two digits of the province's districts' 4-digit ids (every district of a province must
agree). The script checks the structure (code prefixes, expected counts) and fails rather than writing
inconsistent data. Output is sorted by code, UTF-8 without BOM, LF line ends, so re-running it on the
same input gives the same bytes.

Usage: scripts/convert-geo.py [SOURCE_DIR] [OUT_DIR]
       defaults: /work/shared/data/geo and data/geo under the repository root.
"""
import csv
import os
import shutil
import sys

EXPECTED = {"regions": 6, "provinces": 77, "districts": 929, "subdistricts": 7451}

# The source names regions in Thai only; these English names are ours (the usual translations).
REGION_EN = {
    "ภาคเหนือ": "Northern",
    "ภาคกลาง": "Central",
    "ภาคตะวันออกเฉียงเหนือ": "Northeastern",
    "ภาคตะวันตก": "Western",
    "ภาคตะวันออก": "Eastern",
    "ภาคใต้": "Southern",
}


def fail(msg):
    sys.exit("convert-geo: " + msg)


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    # Soft-deleted rows are not current geography.
    return [r for r in rows if not (r.get("deleted_at") or "").strip()]


def clean(s):
    return " ".join((s or "").split())


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/geo"
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "geo")
    os.makedirs(out, exist_ok=True)

    regions = []
    for r in read(os.path.join(src, "geographies.csv")):
        name = clean(r["name"])
        if name not in REGION_EN:
            fail("region without an English name: " + name)
        regions.append((int(r["id"]), name, REGION_EN[name]))
    regions.sort()
    region_ids = {r[0] for r in regions}

    src_provinces = read(os.path.join(src, "provinces.csv"))
    src_districts = read(os.path.join(src, "districts.csv"))
    src_subdistricts = read(os.path.join(src, "sub_districts.csv"))

    # DOPA province code of each source province id, from its districts.
    dopa_of = {}
    for d in src_districts:
        code = d["id"].strip()
        if len(code) != 4 or not code.isdigit():
            fail("district id is not 4 digits: " + code)
        pid = d["province_id"].strip()
        prefix = code[:2]
        if dopa_of.setdefault(pid, prefix) != prefix:
            fail("province %s has districts with codes %s.. and %s.." % (pid, dopa_of[pid], prefix))

    provinces = []
    for p in src_provinces:
        pid = p["id"].strip()
        if pid not in dopa_of:
            fail("province without districts: " + p["name_th"])
        rid = int(p["geography_id"])
        if rid not in region_ids:
            fail("province %s in unknown region %d" % (p["name_th"], rid))
        provinces.append((dopa_of[pid], clean(p["name_th"]), clean(p["name_en"]), rid))
    provinces.sort()
    if len({p[0] for p in provinces}) != len(provinces):
        fail("two provinces share a DOPA code")

    districts = sorted((d["id"].strip(), dopa_of[d["province_id"].strip()], clean(d["name_th"]),
                        clean(d["name_en"])) for d in src_districts)
    district_codes = {d[0] for d in districts}

    subdistricts = []
    for s in src_subdistricts:
        code, dcode, post = s["id"].strip(), s["district_id"].strip(), s["zip_code"].strip()
        if len(code) != 6 or not code.isdigit() or code[:4] != dcode or dcode not in district_codes:
            fail("sub-district %s does not fit district %s" % (code, dcode))
        if len(post) != 5 or not post.isdigit():
            fail("sub-district %s has postcode %r" % (code, post))
        subdistricts.append((code, dcode, clean(s["name_th"]), clean(s["name_en"]), post))
    subdistricts.sort()

    for name, rows in (("regions", regions), ("provinces", provinces), ("districts", districts),
                       ("subdistricts", subdistricts)):
        for row in rows:
            if any(isinstance(v, str) and not v for v in row):
                fail("%s row with an empty field: %r" % (name, row))

    write(os.path.join(out, "regions.csv"), ["id", "name_th", "name_en"], regions)
    write(os.path.join(out, "provinces.csv"), ["code", "name_th", "name_en", "region_id"], provinces)
    write(os.path.join(out, "districts.csv"), ["code", "province_code", "name_th", "name_en"], districts)
    write(os.path.join(out, "subdistricts.csv"), ["code", "district_code", "name_th", "name_en", "postcode"],
          subdistricts)
    shutil.copyfile(os.path.join(src, "LICENSE"), os.path.join(out, "LICENSE"))
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write(README)

    counts = {"regions": len(regions), "provinces": len(provinces), "districts": len(districts),
              "subdistricts": len(subdistricts)}
    for name, n in counts.items():
        print("%-13s %5d" % (name, n))
    bad = [k for k in EXPECTED if counts[k] != EXPECTED[k]]
    if bad:
        fail("unexpected counts for " + ", ".join("%s (%d, expected %d)" % (k, counts[k], EXPECTED[k])
                                                 for k in bad))


README = """# Geography of Thailand

Regions, provinces, districts (อำเภอ/เขต) and sub-districts (ตำบล/แขวง) with their DOPA codes, Thai and
English names and postcodes. Loaded by the geo module's seed (`tambon init`).

Source: kongvut/thai-province-data (https://github.com/kongvut/thai-province-data), MIT licence (see
`LICENSE` in this folder). English region names are ours.

Generated by `scripts/convert-geo.py`; do not edit by hand. The source numbers provinces by row; the DOPA
province code here is the first two digits of the province's district codes.

| File | Columns |
|---|---|
| regions.csv | id, name_th, name_en |
| provinces.csv | code (2 digits), name_th, name_en, region_id |
| districts.csv | code (4 digits), province_code, name_th, name_en |
| subdistricts.csv | code (6 digits), district_code, name_th, name_en, postcode |
"""

if __name__ == "__main__":
    main()
