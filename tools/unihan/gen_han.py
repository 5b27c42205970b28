#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""gen_han.py: generates engine/text/han_data.h, the readings of common Han characters, from
the Unihan database (Unicode Character Database, Unicode License v3: data may be used and
redistributed with its notice, which is compatible with Apache-2.0; Debian package
unicode-data, /usr/share/unicode/Unihan_*.txt[.bz2]).

Characters kept: those of kIICore (the IRG's core set in common use in China, Hong Kong,
Taiwan, Japan, Korea and Macao) and their simplified and traditional variants, in the BMP.
  - fold: a simplified character to its traditional one (first kTraditionalVariant, unless the
    character is its own traditional form), so that both spellings read alike;
  - per folded character: Mandarin (first kMandarin, tones and diaeresis removed) with its
    Wade-Giles spelling derived by rule, Cantonese (first kCantonese, Jyutping without tone)
    with its Hong Kong government spelling derived by rule, Korean (kHangul: the reading marked
    for names, N, else the first), Japanese kun and on readings (first of kJapaneseKun and of
    kJapaneseOn, long vowels written short as in passport Hepburn).
Usage: python3 tools/unihan/gen_han.py [UNIHAN_DIR] > engine/text/han_data.h
"""
import bz2
import os
import sys
import unicodedata


VERSION = ["?"]


def read_fields(d, name, keys):
    path = os.path.join(d, "Unihan_%s.txt" % name)
    if os.path.exists(path):
        f = open(path, encoding="utf-8")
    elif os.path.exists(path + ".bz2"):
        f = bz2.open(path + ".bz2", "rt", encoding="utf-8")
    else:
        sys.exit("gen_han.py: %s(.bz2) not found (Debian package unicode-data)" % path)
    out = {}
    with f:
        for line in f:
            if line.startswith("# Unicode version:"):
                VERSION[0] = line.split(":", 1)[1].strip()
            if line.startswith("#") or not line.strip():
                continue
            cp, key, val = line.rstrip("\n").split("\t", 2)
            if key in keys:
                out.setdefault(key, {})[int(cp[2:], 16)] = val
    return out


def ascii_pinyin(s):
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if c.isascii()).lower()


# ---- Wade-Giles from pinyin (the standard correspondence table; apostrophes of aspiration
# kept, ü written u) ----
WG_WHOLE = {"zhi": "chih", "chi": "ch'ih", "shi": "shih", "ri": "jih", "zi": "tzu",
            "ci": "tz'u", "si": "ssu", "er": "erh", "ye": "yeh", "yan": "yen", "you": "yu",
            "yong": "yung", "yi": "i", "e": "o", "ge": "ko", "ke": "k'o", "he": "ho"}
WG_INIT = [("zh", "ch"), ("ch", "ch'"), ("sh", "sh"), ("b", "p"), ("p", "p'"), ("d", "t"),
           ("t", "t'"), ("g", "k"), ("k", "k'"), ("z", "ts"), ("c", "ts'"), ("j", "ch"),
           ("q", "ch'"), ("x", "hs"), ("r", "j")]


def wade_giles(py):
    if py in WG_WHOLE:
        return WG_WHOLE[py]
    ini, rest = "", py
    for p, w in WG_INIT:
        if py.startswith(p):
            ini, rest = w, py[len(p):]
            break
    else:
        for p in "mfnlhswy":
            if py.startswith(p):
                ini, rest = p, py[1:]
                break
    fin = rest
    if fin == "ong":
        fin = "ung"
    elif fin == "iong":
        fin = "iung"
    elif fin == "ian":
        fin = "ien"
    elif fin == "ie":
        fin = "ieh"
    elif fin == "uo" and ini in ("k", "k'", "h", "sh"):
        fin = "uo"
    elif fin == "uo":
        fin = "o"
    elif fin == "e":
        fin = "e" if ini in ("y",) else "e"
    elif fin == "ui":
        fin = "ui"
    elif fin == "iu":
        fin = "iu"
    return ini + fin


# ---- Hong Kong government spellings from Jyutping (the customary correspondences of the
# Hong Kong romanization of personal names: Chan, Wong, Cheung, Leung, Lee, Ng, Tsui) ----
HK_INIT = [("gw", "kw"), ("kw", "kw"), ("ng", "ng"), ("b", "p"), ("p", "p"), ("d", "t"),
           ("t", "t"), ("g", "k"), ("k", "k"), ("z", "ch"), ("c", "ch"), ("s", "s"),
           ("j", "y"), ("h", "h"), ("f", "f"), ("l", "l"), ("m", "m"), ("n", "n"), ("w", "w")]
HK_FIN = {"aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "ang",
          "aap": "ap", "aat": "at", "aak": "ak", "ai": "ai", "au": "au", "am": "am",
          "an": "an", "ang": "ang", "ap": "ap", "at": "at", "ak": "ak", "e": "e", "ei": "ei",
          "eng": "eng", "ek": "ek", "eu": "eu", "i": "i", "iu": "iu", "im": "im", "in": "in",
          "ing": "ing", "ip": "ip", "it": "it", "ik": "ik", "o": "o", "oi": "oi", "ou": "o",
          "on": "on", "ong": "ong", "ot": "ot", "ok": "ok", "oe": "oe", "oeng": "eung",
          "oek": "euk", "eoi": "ui", "eon": "un", "eot": "ut", "u": "u", "ui": "ui",
          "un": "oon", "ung": "ung", "ut": "ut", "uk": "uk", "yu": "yu", "yun": "uen",
          "yut": "ut", "m": "m", "ng": "ng"}


def hk_spelling(jp):
    if jp in ("m", "ng"):
        return jp
    ini, fin = "", jp
    for p, w in HK_INIT:
        if jp.startswith(p) and jp[len(p):] in HK_FIN:
            ini, fin = w, jp[len(p):]
            break
    if fin not in HK_FIN:
        return jp
    f = HK_FIN[fin]
    if ini == "l" and fin == "ei":
        f = "ee"  # Lee
    if ini == "ch" and fin == "i":
        f = "i"  # Chi
    if ini == "s" and fin == "i":
        f = "ze"  # Sze
    if fin in ("yu", "yun", "yut") and ini in ("y", ""):
        ini, f = "y", {"yu": "u", "yun": "uen", "yut": "ut"}[fin]
    if fin == "yun" and ini:
        f = "uen"  # Suen, Tsuen
    return ini + f


def hepburn(k):
    k = k.lower()
    for a, b in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        k = k.replace(a, b)
    return k


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    rd = read_fields(d, "Readings", {"kMandarin", "kCantonese", "kHangul", "kJapaneseKun",
                                     "kJapaneseOn"})
    va = read_fields(d, "Variants", {"kTraditionalVariant", "kSimplifiedVariant"})
    core = read_fields(d, "IRGSources", {"kIICore"}).get("kIICore", {})
    trad = va.get("kTraditionalVariant", {})
    simp = va.get("kSimplifiedVariant", {})

    def cps(v):
        return [int(x[2:].split("<")[0], 16) for x in v.split()]

    keep = set(c for c in core if c <= 0xFFFF)
    for c in list(keep):
        for tab in (trad, simp):
            if c in tab:
                keep.update(x for x in cps(tab[c]) if x <= 0xFFFF)
    fold = {}
    for c in sorted(keep):
        if c in trad:
            t = cps(trad[c])
            if c not in t and t[0] <= 0xFFFF:
                fold[c] = t[0]
    mand, cant = rd.get("kMandarin", {}), rd.get("kCantonese", {})
    hang, kun, on = rd.get("kHangul", {}), rd.get("kJapaneseKun", {}), rd.get("kJapaneseOn", {})
    pool, where = [], {}

    def intern(*strs):
        key = "\0".join(strs)
        if key not in where:
            where[key] = sum(len(s) + 1 for s in pool)
            pool.extend(strs)
        return where[key]

    def first(tab, c):
        # a folded character lacking a reading takes its simplified form's (and back)
        for x in [c] + ([fold[c]] if c in fold else []) + [s for s, t in fold.items() if t == c]:
            if x in tab:
                return tab[x]
        return None

    rows = []
    syl = set()
    for c in sorted(keep):
        if c in fold:
            continue
        m, j, h = first(mand, c), first(cant, c), first(hang, c)
        ku, o = first(kun, c), first(on, c)
        if not any((m, j, h, ku, o)):
            continue
        NONE = 0xFFFF
        py = jy = hg = kk = oo = NONE
        if m:
            p = ascii_pinyin(m.split()[0])
            w = wade_giles(p).replace("'", "")
            py = intern(p, w)
            syl.update((p, w))
        if j:
            jp = j.split()[0].rstrip("0123456789")
            hk = hk_spelling(jp)
            jy = intern(jp, hk)
            syl.update((jp, hk))
        if h:
            opts = [x.split(":") for x in h.split()]
            named = [x for x in opts if len(x) > 1 and "N" in x[1]]
            hg = ord((named or opts)[0][0])
        if ku:
            kk = intern(hepburn(ku.split()[0]))
        if o:
            oo = intern(hepburn(o.split()[0]))
        rows.append((c, py, jy, hg, kk, oo))
    blob = "".join(s + "\0" for s in pool)
    assert len(blob) < 0xFFFF
    w = sys.stdout.write
    w("/* SPDX-License-Identifier: Apache-2.0 AND Unicode-DFS-2016 */\n")
    w("/* han_data.h: generated by tools/unihan/gen_han.py from the Unihan database (Unicode\n")
    w(" * %s; Unicode License v3, compatible with Apache-2.0; Debian package unicode-data):\n"
      % ("version " + VERSION[0]))
    w(" * python3 tools/unihan/gen_han.py /usr/share/unicode > engine/text/han_data.h\n")
    w(" * %d characters read (kIICore and their variants), %d folded to their traditional form.\n"
      % (len(rows), len(fold)))
    w(" * Unihan data (c) Unicode, Inc., used and modified (extracted, respelt) under the Unicode\n")
    w(" * data licence, tools/unihan/UNICODE-LICENSE. Do not edit. */\n")
    w("#define NSC_HAN_NONE 0xFFFFu\n")
    w("/* NUL-terminated strings: pinyin then Wade-Giles, Jyutping then Hong Kong spelling,\n")
    w(" * Japanese readings; the tables below hold offsets into it. */\n")
    w("static const char nsc__han_pool[] =\n")
    line = ""
    for s in pool:
        piece = s + "\\0"
        if len(line) + len(piece) > 90:
            w('    "%s"\n' % line)
            line = ""
        line += piece
    w('    "%s";\n' % line)
    w("/* Simplified character -> traditional character, by code point. */\n")
    w("static const uint16_t nsc__han_fold_tab[][2] = {\n")
    items = sorted(fold.items())
    for i in range(0, len(items), 6):
        w("    " + " ".join("{ 0x%04X, 0x%04X }," % kv for kv in items[i:i + 6]) + "\n")
    w("};\n")
    w("/* Code point, pinyin, Jyutping (pool offsets), Hangul syllable, Japanese kun, on. */\n")
    w("static const uint16_t nsc__han_readings[][6] = {\n")
    for r in rows:
        w("    { 0x%04X, %d, %d, 0x%04X, %d, %d },\n" % r)
    w("};\n")
    w("/* Pool offsets of every Chinese syllable spelling above, sorted by text. */\n")
    w("static const uint16_t nsc__han_syllables[] = {\n")
    offs = {}
    pos = 0
    for s in pool:
        offs.setdefault(s, pos)
        pos += len(s) + 1
    ss = sorted(syl)
    for i in range(0, len(ss), 12):
        w("    " + " ".join("%d," % offs[s] for s in ss[i:i + 12]) + "\n")
    w("};\n")


main()
