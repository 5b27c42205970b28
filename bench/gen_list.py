#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a synthetic sanctions list of any size in the generic CSV list format
(`namescreen query --list csv:FILE`), recombined from the names of the bundled lists.

Every generated entity copies the shape of one real entity picked at random (so the mix of
persons, organisations and vessels, of aliases per entity, of countries, addresses,
identifiers and dates of birth is the bundled lists' mix) and fills that shape with tokens
drawn from the real names of the same culture (its country or sanctions programme):

- persons: the given name, the middle names (patronymics, fathers' names) and the family
  name are drawn from the same slot of the culture's real persons, particles (bin, al, abu,
  van, de ...) are kept as they stand; aliases of the same length are transliteration
  variants of the new name (token pairs such as MOHAMMAD/MUHAMMAD learnt from the real
  aliases), other aliases are fresh names of the culture;
- organisations: words drawn from the culture's real organisation names, legal forms and
  function words (LIMITED, LLC, COMPANY, OF, AND) kept where the real name had them;
- vessels: words drawn from the real vessel names.

Tokens are drawn in proportion to how often they occur in the real lists, so common tokens
(mohammad, ali, limited) are as common in the output as in the input. The output is a
function of the seed and the bundled lists alone: the same arguments give the same bytes.

The columns are id, name, alias, type, dob, country, program, address, identifier; the
generic CSV reader loads the first seven and skips the address and identifier columns.
"""
import argparse
import csv
import glob
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
LISTS = os.path.join(os.path.dirname(HERE), "lists")

# Name particles kept in place when a name is recombined (Arabic, Persian, Turkic, Romance,
# Germanic, Dutch nobiliary and patronymic connectors; general onomastics).
PARTICLES = {
    "al", "el", "bin", "ibn", "bint", "binti", "abu", "abou", "abd", "umm", "ould", "ben",
    "de", "del", "della", "da", "das", "do", "dos", "di", "du", "la", "le", "van", "von",
    "der", "den", "ter", "y", "e", "mac", "mc", "ul", "ur", "uddin", "haji", "hajji", "sheikh",
    "mullah", "mawlawi", "qari", "oglu", "ogly", "kyzy", "uulu",
}
# Legal forms and function words kept where the real organisation name had them (legal form
# abbreviations as listed in ISO 20275 entity legal forms, plus English/Romance connectors).
KEEP_ORG = {
    "ltd", "ltd.", "limited", "llc", "l.l.c.", "inc", "inc.", "co", "co.", "company", "corp",
    "corp.", "corporation", "plc", "jsc", "pjsc", "ojsc", "cjsc", "ooo", "oao", "zao", "ao",
    "pao", "gmbh", "ag", "sa", "s.a.", "sarl", "s.a.r.l.", "srl", "s.r.l.", "bv", "b.v.", "nv",
    "llp", "lp", "fze", "fzco", "fzc", "fz-llc", "pte", "pte.", "sdn", "bhd", "bhd.", "a.s.",
    "as", "ab", "oy", "spa", "s.p.a.", "kg", "tov", "ip", "sl", "s.l.", "sac", "s.a.c.",
    "de", "c.v.", "cv", "and", "&", "of", "the", "for", "in", "y", "e", "la", "el", "del",
    "group", "holding", "holdings", "trading", "international", "bank", "industries",
}
# Identifier kinds read from the OFAC remarks (their own vocabulary).
ID_RE = re.compile(
    r"(Passport|National ID No\.|Cedula No\.|Tax ID No\.|Registration Number|Registration ID|"
    r"IMO|NIT #|RFC|C\.U\.R\.P\.|D\.N\.I\.|Company Number|SSN|Identification Number|"
    r"Business Registration Number|MMSI|Government Gazette Number|Legal Entity Number) "
    r"([A-Za-z0-9][A-Za-z0-9/.-]*[A-Za-z0-9])")
DOB_RE = re.compile(r"DOB ([^;]+?)(?:;|\.$|$)")
NAT_RE = re.compile(r"nationality ([A-Z][A-Za-z ]+?)(?:;|\.|$)")
YEAR_RE = re.compile(r"(1[89]\d\d|20\d\d)")
TOKEN_RE = re.compile(r"[^\s,;]+")


class Entity:
    __slots__ = ("kind", "names", "culture", "countries", "addresses", "ids", "dobs",
                 "programs", "ofac_order")

    def __init__(self, kind):
        self.kind = kind          # person, organization, vessel
        self.names = []           # primary first
        self.culture = ""
        self.countries = []
        self.addresses = []
        self.ids = []             # (kind, value)
        self.dobs = []            # years (int) or None
        self.programs = []
        self.ofac_order = False   # person names written "FAMILY, Given Middle"


def clean(s):
    return " ".join(s.replace(";", " ").replace('"', " ").split())


def ofac_csv(prim, alt, add):
    ents = {}
    order = []
    with open(prim, encoding="latin-1", newline="") as f:
        for r in csv.reader(f):
            if len(r) < 12:
                continue
            t = r[2].strip().lower()
            kind = {"individual": "person", "vessel": "vessel", "aircraft": None}.get(
                t, "organization")
            if kind is None:
                continue
            e = Entity(kind)
            e.names.append(clean(r[1]))
            e.ofac_order = kind == "person" and "," in r[1]
            e.programs = [p.strip() for p in r[3].replace("]", "").replace("[", "").split()
                          if p.strip() and p.strip() != "-0-"]
            rem = r[11].strip()
            if rem != "-0-":
                for m in DOB_RE.finditer(rem):
                    y = YEAR_RE.search(m.group(1))
                    e.dobs.append(int(y.group(1)) if y else None)
                for m in ID_RE.finditer(rem):
                    e.ids.append((m.group(1), m.group(2)))
                for m in NAT_RE.finditer(rem):
                    e.countries.append(m.group(1).strip())
            ents[r[0]] = e
            order.append(r[0])
    with open(alt, encoding="latin-1", newline="") as f:
        for r in csv.reader(f):
            if len(r) >= 4 and r[0] in ents and r[3].strip() != "-0-":
                ents[r[0]].names.append(clean(r[3]))
    with open(add, encoding="latin-1", newline="") as f:
        for r in csv.reader(f):
            if len(r) >= 5 and r[0] in ents:
                parts = [clean(x) for x in r[2:4] if x.strip() != "-0-"]
                country = r[4].strip()
                e = ents[r[0]]
                if parts:
                    e.addresses.append(", ".join(parts))
                if country and country != "-0-" and country not in e.countries:
                    e.countries.append(country)
    out = []
    for k in order:
        e = ents[k]
        e.culture = (e.countries[0] if e.countries else (e.programs[0] if e.programs else ""))
        out.append(e)
    return out


def uk_csv(path):
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        head = next(rows)
        col = {h: i for i, h in enumerate(head)}
        for r in rows:
            if len(r) < len(head):
                continue
            t = r[col["Type"]].strip().lower()
            kind = {"individual": "person", "entity": "organization", "ship": "vessel"}.get(t)
            if not kind:
                continue
            e = Entity(kind)
            e.names.append(clean(r[col["Name"]]))
            e.culture = r[col["Regime Name"]].strip()
            e.programs = [e.culture] if e.culture else []
            out.append(e)
    return out


def un_xml(path):
    out = []
    root = ET.parse(path).getroot()

    def text(el, tag):
        x = el.find(tag)
        return clean(x.text) if x is not None and x.text else ""

    for sect, kind in (("INDIVIDUALS", "person"), ("ENTITIES", "organization")):
        for el in root.find(sect) or []:
            e = Entity(kind)
            parts = [text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME",
                                           "FOURTH_NAME")]
            name = " ".join(p for p in parts if p)
            if not name:
                continue
            e.names.append(name)
            pre = "INDIVIDUAL" if kind == "person" else "ENTITY"
            for a in el.findall(pre + "_ALIAS"):
                n = text(a, "ALIAS_NAME")
                if n:
                    e.names.append(n)
            for n in el.findall("NATIONALITY/VALUE"):
                if n.text:
                    e.countries.append(clean(n.text))
            for a in el.findall(pre + "_ADDRESS"):
                parts = [text(a, t) for t in ("STREET", "CITY", "STATE_PROVINCE")]
                parts = [p for p in parts if p]
                c = text(a, "COUNTRY")
                if parts:
                    e.addresses.append(", ".join(parts))
                if c and c not in e.countries:
                    e.countries.append(c)
            for d in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
                y = text(d, "YEAR") or text(d, "DATE")[:4]
                e.dobs.append(int(y) if y.isdigit() else None)
            for d in el.findall("INDIVIDUAL_DOCUMENT"):
                n = text(d, "NUMBER")
                if n:
                    e.ids.append((text(d, "TYPE_OF_DOCUMENT") or "Document", n))
            prog = text(el, "UN_LIST_TYPE")
            e.programs = [prog] if prog else []
            e.culture = e.countries[0] if e.countries else prog
            out.append(e)
    return out


def load_bundled():
    ents = []
    for lst, fn in (("ofac-sdn", lambda d: ofac_csv(d + "/sdn.csv", d + "/alt.csv",
                                                    d + "/add.csv")),
                    ("ofac-cons", lambda d: ofac_csv(d + "/cons_prim.csv", d + "/cons_alt.csv",
                                                     d + "/cons_add.csv")),
                    ("uk", lambda d: uk_csv([p for p in sorted(glob.glob(d + "/*.csv"))
                                            if not p.endswith("manifest.csv")][0])),
                    ("un", lambda d: un_xml(d + "/consolidated.xml"))):
        with open(os.path.join(LISTS, lst, "current")) as f:
            folder = os.path.join(LISTS, lst, f.read().strip())
        ents.extend(fn(folder))
    return [e for e in ents if e.names and e.names[0]]


def person_slots(name, ofac_order):
    """[(slot, token)] with slot 'p' (particle), 'g' (given), 'm' (middle), 'f' (family)."""
    if ofac_order and "," in name:
        fam, _, giv = name.partition(",")
        ftoks, gtoks = TOKEN_RE.findall(fam), TOKEN_RE.findall(giv)
    else:
        toks = TOKEN_RE.findall(name)
        core = [i for i, t in enumerate(toks) if t.lower() not in PARTICLES]
        cut = core[-1] if len(core) > 1 else len(toks)
        gtoks, ftoks = toks[:cut], toks[cut:]
    out = []
    first = True
    for t in gtoks:
        if t.lower() in PARTICLES:
            out.append(("p", t))
        else:
            out.append(("g" if first else "m", t))
            first = False
    fam = [("p", t) if t.lower() in PARTICLES else ("f", t) for t in ftoks]
    return out, fam


def recase(tok, like):
    if like.isupper():
        return tok.upper()
    if like.islower():
        return tok.lower()
    return tok[:1].upper() + tok[1:].lower()


class Model:
    def __init__(self, ents):
        self.ents = ents
        self.pools = {}      # (culture, kind, slot) -> [token lowercased], with repeats
        self.variants = {}   # token lowercased -> [variant lowercased], with repeats
        self.addr = {}       # culture -> [address]
        for e in ents:
            if e.addresses:
                self.addr.setdefault(e.culture, []).extend(e.addresses)
            for n in e.names:
                if e.kind == "person":
                    g, f = person_slots(n, e.ofac_order)
                    for s, t in g + f:
                        if s != "p":
                            self.pools.setdefault((e.culture, "person", s), []).append(t.lower())
                            self.pools.setdefault(("", "person", s), []).append(t.lower())
                else:
                    for t in TOKEN_RE.findall(n):
                        if e.kind == "vessel" or t.lower() not in KEEP_ORG:
                            self.pools.setdefault((e.culture, e.kind, "w"), []).append(t.lower())
                            self.pools.setdefault(("", e.kind, "w"), []).append(t.lower())
            # Transliteration pairs: same-length aliases of one entity, aligned token by token,
            # where the tokens differ but start alike (MOHAMMAD / MUHAMMAD, ALI / ALY).
            if len(e.names) > 1:
                base = [t.lower() for t in TOKEN_RE.findall(e.names[0])]
                for a in e.names[1:]:
                    at = [t.lower() for t in TOKEN_RE.findall(a)]
                    if len(at) != len(base):
                        continue
                    for x, y in zip(base, at):
                        if x != y and x[:1] == y[:1] and abs(len(x) - len(y)) <= 2 and len(x) > 2:
                            self.variants.setdefault(x, []).append(y)
                            self.variants.setdefault(y, []).append(x)

    def pool(self, culture, kind, slot):
        p = self.pools.get((culture, kind, slot))
        if not p or len(p) < 8:
            p = self.pools.get(("", kind, slot)) or self.pools.get(("", kind, "g"))
        return p

    def person(self, rnd, culture, template, ofac_order):
        g, f = person_slots(template, ofac_order)

        def fill(slots):
            out = []
            for s, t in slots:
                if s == "p":
                    out.append(t)
                else:
                    out.append(recase(rnd.choice(self.pool(culture, "person", s)), t))
            return out

        gi, fa = fill(g), fill(f)
        if ofac_order and "," in template:
            return " ".join(fa) + ", " + " ".join(gi)
        return " ".join(gi + fa)

    def other(self, rnd, culture, kind, template):
        out = []
        for t in TOKEN_RE.findall(template):
            if kind != "vessel" and t.lower() in KEEP_ORG:
                out.append(t)
            elif not any(c.isalpha() for c in t):
                out.append(t)
            else:
                out.append(recase(rnd.choice(self.pool(culture, kind, "w")), t))
        return " ".join(out)

    def variant(self, rnd, name):
        """A transliteration variant of `name` (at least one token changed when any can be)."""
        toks = name.replace(",", " , ").split()
        idx = [i for i, t in enumerate(toks) if t.lower() in self.variants]
        if not idx:
            return None
        pick = [i for i in idx if rnd.random() < 0.6] or [rnd.choice(idx)]
        for i in pick:
            toks[i] = recase(rnd.choice(self.variants[toks[i].lower()]), toks[i])
        return " ".join(toks).replace(" , ", ", ")

    def entity(self, rnd, e):
        names = []
        if e.kind == "person":
            primary = self.person(rnd, e.culture, e.names[0], e.ofac_order)
        else:
            primary = self.other(rnd, e.culture, e.kind, e.names[0])
        names.append(primary)
        plen = len(TOKEN_RE.findall(e.names[0]))
        for a in e.names[1:]:
            v = None
            if len(TOKEN_RE.findall(a)) == plen:
                v = self.variant(rnd, primary)
            if v is None or v in names:
                if e.kind == "person":
                    v = self.person(rnd, e.culture, a, e.ofac_order and "," in a)
                else:
                    v = self.other(rnd, e.culture, e.kind, a)
            if v and v not in names:
                names.append(v)
        return names


def shuffle_digits(rnd, s):
    return "".join(str(rnd.randrange(10)) if c.isdigit() else c for c in s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--names", type=int, required=True,
                    help="names to write (primary names and aliases)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True, help="output CSV file ('-' for standard output)")
    a = ap.parse_args()
    if a.names < 1:
        ap.error("--names must be at least 1")
    ents = load_bundled()
    if not ents:
        sys.exit("gen_list.py: no entities read from " + LISTS)
    model = Model(ents)
    rnd = random.Random(a.seed)
    out = sys.stdout if a.out == "-" else open(a.out + ".tmp", "w", encoding="utf-8",
                                                    newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", "alias", "type", "dob", "country", "program", "address",
                "identifier"])
    written = 0
    n = 0
    while written < a.names:
        e = ents[rnd.randrange(len(ents))]
        names = model.entity(rnd, e)
        names = names[:a.names - written]
        n += 1
        dobs = []
        for y in e.dobs:
            if y is None:
                continue
            y = y + rnd.randint(-5, 5)
            dobs.append("%04d-%02d-%02d" % (y, rnd.randint(1, 12), rnd.randint(1, 28))
                        if rnd.random() < 0.6 else "%04d" % y)
        addrs = []
        pool = model.addr.get(e.culture)
        if pool:
            addrs = [shuffle_digits(rnd, rnd.choice(pool)) for _ in e.addresses]
        ids = ["%s %s" % (k, shuffle_digits(rnd, v)) for k, v in e.ids]
        w.writerow(["G%07d" % n, names[0], ";".join(names[1:]), e.kind, ";".join(dobs),
                    ";".join(e.countries), ";".join(e.programs), ";".join(addrs),
                    ";".join(ids)])
        written += len(names)
    if out is not sys.stdout:
        out.close()
        os.replace(a.out + ".tmp", a.out)
    print("gen_list.py: %d names, %d entities -> %s" % (written, n, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
