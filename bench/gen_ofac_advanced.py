#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# bench/gen_ofac_advanced.py: writes a full-size OFAC ADVANCED XML file (about 120 MB, the size
# of a real SDN_ADVANCED.XML) in the real schema, by replicating the parties of the complete
# CONS_ADVANCED file of 2020-03-17 (tests/data/ofac_xml/) with every record id renumbered per
# copy and, from the second copy on, one seeded syllable added to each name, so the names stay
# distinct. Locations, documents, relationships and sanctions entries are copied with their
# parties; the reference tables are kept as they are. Standard library only, fixed seed.
#
#   /usr/bin/python3 bench/gen_ofac_advanced.py [--copies 45] [--seed 42] OUT.xml
import argparse
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "tests", "data", "ofac_xml", "cons_advanced_2020-03-17.xml")

# Attributes holding record ids (renumbered per copy); reference-table ids (AliasTypeID,
# CountryID, ScriptID, ...) are left alone so that they still resolve.
RECORD_ATTRS = ("ID", "FixedRef", "ProfileID", "IdentityID", "NamePartGroupID", "LocationID",
                "FeatureVersionID", "DocumentedNameID", "From-ProfileID", "To-ProfileID",
                "SanctionsEntryID", "IssuedIn-LocationID")
ATTR_RE = re.compile(r'(?<![\w-])(%s)="(\d+)"' % "|".join(re.escape(a) for a in RECORD_ATTRS))
NAME_RE = re.compile(r'(<NamePartValue [^>]*>)([^<]*)(</NamePartValue>)')
STRIDE = 100_000_000  # above every record id of the source file
SYLLABLES = ["ka", "ro", "mi", "ta", "su", "le", "no", "vi", "da", "ze", "ha", "bu", "ri", "so"]


def section(text, name):
    """The text of <name>...</name> (or the self-closing form), with its start offset."""
    m = re.search(r"<%s\b[^>]*/>|<%s\b[^>]*>.*?</%s>" % (name, name, name), text, re.S)
    if not m:
        sys.exit("source has no <%s>" % name)
    return m


def records(block, tag):
    return re.findall(r"    <%s\b(?:[^>]*/>|.*?</%s>)" % (tag, tag), block, re.S)


def renumber(rec, k):
    if k == 0:
        return rec
    return ATTR_RE.sub(lambda m: '%s="%d"' % (m.group(1), int(m.group(2)) + k * STRIDE), rec)


def rename(rec, word):
    return NAME_RE.sub(lambda m: m.group(1) + m.group(2) + " " + word + m.group(3), rec)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=45)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--source", default=SOURCE)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    with open(a.source, encoding="utf-8") as f:
        text = f.read()
    head = text[: section(text, "Locations").start()]  # declaration, root, date, tables
    parts = {}
    for sec, tag in (("Locations", "Location"), ("IDRegDocuments", "IDRegDocument"),
                     ("DistinctParties", "DistinctParty"),
                     ("ProfileRelationships", "ProfileRelationship"),
                     ("SanctionsEntries", "SanctionsEntry")):
        parts[sec] = (tag, records(section(text, sec).group(0), tag))
    # one seeded word per party and copy, the same in all of the party's names
    words = {}
    parties = parts["DistinctParties"][1]
    for k in range(1, a.copies):
        for i in range(len(parties)):
            words[(k, i)] = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3)))
    n = 0
    with open(a.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(head)
        for sec in ("Locations", "IDRegDocuments", "DistinctParties", "ProfileRelationships",
                    "SanctionsEntries"):
            tag, recs = parts[sec]
            out.write("  <%s>\n" % sec)
            for k in range(a.copies):
                for i, r in enumerate(recs):
                    r = renumber(r, k)
                    if sec == "DistinctParties":
                        n += 1
                        if k:
                            r = rename(r, words[(k, i)])
                    out.write(r + "\n")
            out.write("  </%s>\n" % sec)
        out.write("</Sanctions>\n")
    size = os.path.getsize(a.out)
    print("%s: %d parties, %.1f MB" % (a.out, n, size / 1e6))


if __name__ == "__main__":
    main()
