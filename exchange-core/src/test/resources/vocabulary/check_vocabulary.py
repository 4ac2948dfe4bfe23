#!/usr/bin/env python3
"""Checks the crime-concept vocabulary (SKOS in JSON-LD) used by cross-language search.

Usage: python3 check_vocabulary.py [path/to/crime-concepts.jsonld]
(default: exchange-core/src/main/resources/vocabulary/crime-concepts.jsonld from the repository root,
or found relative to this script). Exit status 0 when valid, 1 otherwise; prints the counts.

Checks: the JSON parses; the @context is the expected one; the scheme has fr/en title and
description; concept ids are unique and of the form syn:lowercase-english-words; every concept is in
the scheme and has a non-empty prefLabel in each of the eight languages; labels are strings (altLabel
values are lists of strings) and only in those languages; every broader points to an existing
concept; no label, folded (lowercased, accents and Arabic diacritics removed, Arabic alef/yaa/taa
marbuta forms unified, tatweel removed), belongs to two concepts in the same language; single-word
Arabic labels do not carry the definite article. Variants that fold like another label of the same
concept (e.g. an unaccented spelling), and a folded label naming different concepts in different
languages, are listed as notes, not errors.
"""
import json
import os
import re
import sys
import unicodedata

LANGS = ["fr", "en", "es", "de", "nl", "it", "pt", "ar"]
EXPECTED_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "syn": "https://schemas.synergie.eu/vocabulary/crime#",
    "id": "@id", "type": "@type",
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel", "@container": "@language"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "title": {"@id": "dct:title", "@container": "@language"},
    "description": {"@id": "dct:description", "@container": "@language"},
}
ID_RE = re.compile(r"^syn:[a-z0-9]+(-[a-z0-9]+)*$")
AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})


def fold(label, lang):
    s = unicodedata.normalize("NFD", label.strip().lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = unicodedata.normalize("NFC", s)
    if lang == "ar":
        s = s.translate(AR_MAP)
    s = s.replace("’", "'")
    return " ".join(s.split())


def default_path():
    here = os.path.dirname(os.path.abspath(__file__))
    rel = os.path.join("main", "resources", "vocabulary", "crime-concepts.jsonld")
    return os.path.normpath(os.path.join(here, "..", "..", "..", rel))


def main(argv):
    path = argv[1] if len(argv) > 1 else default_path()
    errors = []
    notes = []
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: cannot read {path}: {e}")
        return 1
    if doc.get("@context") != EXPECTED_CONTEXT:
        errors.append("@context differs from the expected SKOS/JSON-LD context")
    graph = doc.get("@graph")
    if not isinstance(graph, list):
        print("FAIL: no @graph list")
        return 1
    schemes = [n for n in graph if n.get("type") == "skos:ConceptScheme"]
    concepts = [n for n in graph if n.get("type") == "skos:Concept"]
    others = [n for n in graph if n not in schemes and n not in concepts]
    if len(schemes) != 1:
        errors.append(f"expected one skos:ConceptScheme, found {len(schemes)}")
    for s in schemes:
        for key in ("title", "description"):
            for lang in ("fr", "en"):
                if not str(s.get(key, {}).get(lang, "")).strip():
                    errors.append(f"scheme has no {key} in {lang}")
    scheme_id = schemes[0].get("id") if schemes else None
    for n in others:
        errors.append(f"node of unexpected type: {n.get('id')} {n.get('type')}")

    ids = {}
    for c in concepts:
        cid = c.get("id")
        if not isinstance(cid, str) or not ID_RE.match(cid):
            errors.append(f"bad concept id: {cid!r}")
        if cid in ids:
            errors.append(f"duplicate id: {cid}")
        ids[cid] = c
    owners = {lang: {} for lang in LANGS}
    label_counts = {lang: [0, 0] for lang in LANGS}
    for cid, c in ids.items():
        extra = set(c) - {"id", "type", "inScheme", "prefLabel", "altLabel", "broader"}
        if extra:
            errors.append(f"{cid}: unexpected keys {sorted(extra)}")
        if c.get("inScheme") != scheme_id:
            errors.append(f"{cid}: inScheme is {c.get('inScheme')!r}, not {scheme_id!r}")
        pref = c.get("prefLabel", {})
        alt = c.get("altLabel", {})
        if not isinstance(pref, dict) or not isinstance(alt, dict):
            errors.append(f"{cid}: prefLabel/altLabel must be language maps")
            continue
        for lang in set(pref) | set(alt):
            if lang not in LANGS:
                errors.append(f"{cid}: unexpected language {lang!r}")
        for lang in LANGS:
            p = pref.get(lang)
            if not isinstance(p, str) or not p.strip():
                errors.append(f"{cid}: missing or empty prefLabel@{lang}")
                p = None
            a = alt.get(lang, [])
            if not isinstance(a, list) or not all(isinstance(x, str) and x.strip() for x in a):
                errors.append(f"{cid}: altLabel@{lang} must be a list of non-empty strings")
                a = []
            labels = ([p] if p else []) + a
            label_counts[lang][0] += 1 if p else 0
            label_counts[lang][1] += len(a)
            seen = set()
            for label in labels:
                if label != label.strip() or "  " in label:
                    errors.append(f"{cid}: stray spaces in {lang} label {label!r}")
                if lang == "ar" and " " not in label.strip() and label.strip().startswith("ال"):
                    errors.append(f"{cid}: single-word Arabic label with the article: {label}")
                k = fold(label, lang)
                if k in seen:
                    # harmless (e.g. an unaccented spelling kept for exact matching), but noted
                    notes.append(f"{cid}: {lang} label {label!r} folds like another label of it")
                seen.add(k)
                other = owners[lang].get(k)
                if other and other != cid:
                    errors.append(f"label {label!r}@{lang} belongs to {other} and {cid}")
                owners[lang][k] = cid
        b = c.get("broader")
        if b is not None:
            for target in (b if isinstance(b, list) else [b]):
                if target not in ids:
                    errors.append(f"{cid}: broader {target!r} is not a concept")
                elif target == cid:
                    errors.append(f"{cid}: broader is itself")

    # the same folded label for different concepts in different languages is allowed (it can be
    # right in each language, e.g. "sequestro"), but a search term may then expand to both: noted
    across = {}
    for lang in LANGS:
        for k, cid in owners[lang].items():
            across.setdefault(k, set()).add((cid, lang))
    for k, pairs in sorted(across.items()):
        if len({cid for cid, _ in pairs}) > 1:
            where = ", ".join(f"{cid}@{lang}" for cid, lang in sorted(pairs))
            notes.append(f"label {k!r} names different concepts in different languages: {where}")

    top = sorted(cid for cid, c in ids.items() if "broader" not in c)
    print(f"file: {path}")
    print(f"concepts: {len(ids)} ({len(top)} top concepts)")
    print("top concepts: " + ", ".join(t[4:] for t in top))
    print("labels per language (prefLabel + altLabel = total):")
    for lang in LANGS:
        p, a = label_counts[lang]
        print(f"  {lang}: {p} + {a} = {p + a}")
    print(f"labels in all: {sum(p + a for p, a in label_counts.values())}")
    if notes:
        print(f"notes ({len(notes)}, not errors):")
        for n in notes:
            print("  . " + n)
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
