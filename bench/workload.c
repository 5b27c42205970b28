/* SPDX-License-Identifier: Apache-2.0 */
/*
 * workload.c: namescreen-workload writes a deterministic screening workload (CSV id,name,kind):
 * perturbed names from the bundled OFAC SDN and UN lists, clean names of many cultures and a
 * few names in other scripts. Same seed and lists, same file, byte for byte (own PRNG).
 */
#include "namescreen.h"
#include "namescreen/csv.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef NSC_LISTS_DIR
#define NSC_LISTS_DIR "lists"
#endif

#define WL_MIN_ROWS 1000L
#define WL_MAX_ROWS 1000000L
#define WL_NAME_CAP 1024
#define WL_MAX_TOKENS 64
/* Shares of the rows, in percent: perturbed list names, clean names, other scripts. */
#define WL_PCT_PERTURBED 47
#define WL_PCT_CLEAN 47

/* ---- PRNG: splitmix64 (Steele, Lea, Flood 2014), identical on every platform ---------------- */

static uint64_t g_rng;

static uint64_t rng_next(void)
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. The modulo bias is below 1e-12 for our n. */
static size_t rng_below(size_t n) { return (size_t)(rng_next() % (uint64_t)n); }

static int rng_pct(unsigned pct) { return rng_below(100) < pct; }

/* ---- memory and string pools -------------------------------------------------------------- */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "namescreen-workload: out of memory\n");
        exit(2);
    }
    return q;
}

typedef struct pool {
    char **s;
    unsigned char *org; /* 1: an organization or vessel name (legal-form edits apply) */
    size_t n, cap;
} pool;

static void pool_add(pool *p, const char *s, size_t len, int org)
{
    while (len && isspace((unsigned char)s[len - 1])) len--;
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    if (!len || len >= WL_NAME_CAP / 2) return;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 1024;
        p->s = xrealloc(p->s, p->cap * sizeof *p->s);
        p->org = xrealloc(p->org, p->cap);
    }
    char *d = xrealloc(NULL, len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    p->s[p->n] = d;
    p->org[p->n] = (unsigned char)(org != 0);
    p->n++;
}

static void pool_free(pool *p)
{
    for (size_t i = 0; i < p->n; i++) free(p->s[i]);
    free(p->s);
    free(p->org);
}

/* ---- reading list names ------------------------------------------------------------------- */

/* sdn.csv: no header; field 2 is the name, field 3 the type ("individual", "vessel",
 * "aircraft", or "-0- " for entities). */
static int read_sdn(pool *names, const char *path)
{
    nsc_csv *csv;
    int rc = nsc_csv_open(&csv, path, ',');
    if (rc != 0) {
        fprintf(stderr, "namescreen-workload: %s: %s\n", path, nsc_strerror(rc));
        return -1;
    }
    while ((rc = nsc_csv_next(csv)) == 1) {
        size_t len;
        const char *name = nsc_csv_field(csv, 1, &len);
        const char *type = nsc_csv_field(csv, 2, NULL);
        if (!name || strncmp(name, "-0-", 3) == 0) continue;
        pool_add(names, name, len, !type || strncmp(type, "individual", 10) != 0);
    }
    if (rc < 0) fprintf(stderr, "namescreen-workload: %s: %s\n", path, nsc_csv_error(csv));
    nsc_csv_close(csv);
    return rc < 0 ? -1 : 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "namescreen-workload: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = xrealloc(buf, cap + 1);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int err = ferror(f);
    fclose(f);
    if (err) {
        fprintf(stderr, "namescreen-workload: %s: read error\n", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Copies the XML text of <tag>...</tag> in [p, end) into out, decoding the five predefined
 * entities and numeric references of ASCII characters. Returns the length, 0 when absent. */
static size_t xml_text(const char *p, const char *end, const char *tag, char *out, size_t cap)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(p, open);
    if (!a || a >= end) return 0;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b || b > end) return 0;
    static const char *const ent[][2] = {
        { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" }
    };
    size_t n = 0;
    while (a < b && n + 1 < cap) {
        int done = 0;
        if (*a == '&') {
            for (size_t i = 0; i < 5 && !done; i++) {
                size_t el = strlen(ent[i][0]);
                if ((size_t)(b - a) >= el && memcmp(a, ent[i][0], el) == 0) {
                    out[n++] = ent[i][1][0];
                    a += el;
                    done = 1;
                }
            }
            if (!done && a[1] == '#') {
                char *e;
                long v = strtol(a + 2, &e, 10);
                if (e < b && *e == ';' && v > 31 && v < 127) {
                    out[n++] = (char)v;
                    a = e + 1;
                    done = 1;
                }
            }
        }
        if (!done) out[n++] = (*a == '\n' || *a == '\r' || *a == '\t') ? ' ' : *a, a++;
    }
    out[n] = '\0';
    return n;
}

/* UN consolidated.xml: primary names (FIRST_NAME .. FOURTH_NAME joined) of individuals and
 * entities, and NAME_ORIGINAL_SCRIPT values. */
static int read_un(pool *names, pool *scripts, const char *path)
{
    static const char *const parts[] = { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" };
    static const struct {
        const char *open, *close;
        int org;
    } kinds[] = { { "<INDIVIDUAL>", "</INDIVIDUAL>", 0 }, { "<ENTITY>", "</ENTITY>", 1 } };
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) return -1;
    char part[WL_NAME_CAP], full[WL_NAME_CAP];
    for (size_t k = 0; k < 2; k++) {
        const char *p = buf;
        while ((p = strstr(p, kinds[k].open)) != NULL) {
            const char *end = strstr(p, kinds[k].close);
            if (!end) break;
            size_t n = 0;
            for (size_t i = 0; i < 4; i++) {
                size_t pl = xml_text(p, end, parts[i], part, sizeof part);
                if (pl && n + pl + 2 < sizeof full) {
                    if (n) full[n++] = ' ';
                    memcpy(full + n, part, pl);
                    n += pl;
                }
            }
            pool_add(names, full, n, kinds[k].org);
            size_t sl = xml_text(p, end, "NAME_ORIGINAL_SCRIPT", part, sizeof part);
            pool_add(scripts, part, sl, kinds[k].org);
            p = end;
        }
    }
    free(buf);
    return 0;
}

/* ---- clean names: given and family names of many cultures, and company-name parts ---------- */

static const char *const k_given[] = {
    "James",    "Mary",      "Robert",    "Patricia",   "Michael", "Jennifer",    "William",
    "Linda",    "Emma",      "Oliver",    "Charlotte",  "Harry",   "Sophie",      "Lukas",
    "Hannah",   "Jürgen",    "Anneliese", "Pierre",     "Camille", "Amélie",      "François",
    "Giulia",   "Marco",     "Francesca", "Alessandro", "José",    "María",       "Carmen",
    "Javier",   "Lucía",     "João",      "Beatriz",    "Thiago",  "Søren",       "Ingrid",
    "Lars",     "Astrid",    "Mikko",     "Aino",       "Piotr",   "Agnieszka",   "Tomasz",
    "Zuzana",   "Jiří",      "Ferenc",    "Zsófia",     "Andrei",  "Ioana",       "Dimitrios",
    "Eleni",    "Mehmet",    "Ayşe",      "Emre",       "Zeynep",  "Arjun",       "Priya",
    "Rahul",    "Ananya",    "Sanjay",    "Deepika",    "Wei",     "Xiaoling",    "Jian",
    "Mei",      "Hiroshi",   "Yuki",      "Takeshi",    "Sakura",  "Minjun",      "Seoyeon",
    "Nguyen",   "Thanh",     "Somsak",    "Siriporn",   "Kwame",   "Ama",         "Chinedu",
    "Ngozi",    "Oluwaseun", "Thandiwe",  "Tendai",     "Wanjiru", "Juan Carlos", "Maximilian",
    "Noa",      "Aroha",     "Tane",      "Keanu",      "Leilani", "Sven",        "Bjørn",
    "Kateřina", "Ólafur",    "Siobhán",   "Ciarán",     "Eilidh",  "Dafydd",      "Rhiannon",
    "Gabriel",  "Valentina", "Mateo",     "Isabella",
};

static const char *const k_family[] = {
    "Smith",     "Johnson",   "Williams",       "Brown",        "Taylor",
    "Wilson",    "Müller",    "Schmidt",        "Schneider",    "Fischer",
    "Weber",     "Dubois",    "Lefèvre",        "Moreau",       "Girard",
    "Rossi",     "Bianchi",   "Esposito",       "Ricci",        "García",
    "Fernández", "López",     "Martínez",       "Sánchez",      "Silva",
    "Santos",    "Oliveira",  "Pereira",        "Jensen",       "Nielsen",
    "Hansen",    "Johansson", "Lindqvist",      "Virtanen",     "Korhonen",
    "Nowak",     "Kowalski",  "Wiśniewska",     "Novák",        "Dvořák",
    "Horváth",   "Nagy",      "Popescu",        "Ionescu",      "Papadopoulos",
    "Georgiou",  "Yılmaz",    "Kaya",           "Demir",        "Sharma",
    "Patel",     "Gupta",     "Iyer",           "Reddy",        "Banerjee",
    "Zhang",     "Liu",       "Chen",           "Huang",        "Zhao",
    "Tanaka",    "Suzuki",    "Watanabe",       "Yamamoto",     "Kim",
    "Park",      "Choi",      "Tran",           "Pham",         "Sukprasert",
    "Mensah",    "Boateng",   "Okafor",         "Adeyemi",      "Nkosi",
    "Dlamini",   "Mwangi",    "Otieno",         "Van der Berg", "De Vries",
    "O'Brien",   "MacDonald", "Ó Súilleabháin", "Fitzgerald",   "Kowalczyk",
    "Eriksson",  "Haugen",    "Sigurðsson",     "Te Whiti",     "Kahananui",
    "Moana",     "Castillo",  "Vargas",         "Herrera",      "Rojas",
    "Gonzaga",   "Bergström", "Åkesson",        "Lindholm",
};

static const char *const k_company_word[] = {
    "Logistics",   "Trading",  "Consulting", "Software", "Foods",    "Textiles",
    "Engineering", "Shipping", "Pharma",     "Holdings", "Capital",  "Retail",
    "Solar",       "Agro",     "Dental",     "Printing", "Bakery",   "Auto Parts",
    "Instruments", "Ceramics", "Travel",     "Media",    "Robotics", "Furniture",
};

static const char *const k_company_form[] = {
    "Ltd",  "Limited", "GmbH",      "AG",      "S.A.", "S.r.l.",     "B.V.", "Oy",  "AB", "A/S",
    "Inc.", "LLC",     "Co., Ltd.", "Pty Ltd", "K.K.", "Sp. z o.o.", "SAS",  "PLC", "",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void make_clean(char *out, size_t cap)
{
    const char *fam = k_family[rng_below(COUNT(k_family))];
    if (rng_pct(10)) {
        const char *form = k_company_form[rng_below(COUNT(k_company_form))];
        snprintf(out, cap, "%s %s%s%s", fam, k_company_word[rng_below(COUNT(k_company_word))],
                 form[0] ? " " : "", form);
        return;
    }
    const char *g = k_given[rng_below(COUNT(k_given))];
    if (rng_pct(20))
        snprintf(out, cap, "%s %s %s", g, k_given[rng_below(COUNT(k_given))], fam);
    else if (rng_pct(10))
        snprintf(out, cap, "%s %s-%s", g, fam, k_family[rng_below(COUNT(k_family))]);
    else
        snprintf(out, cap, "%s %s", g, fam);
}

/* ---- perturbations ------------------------------------------------------------------------ */

typedef struct toks {
    char buf[WL_NAME_CAP];
    char *t[WL_MAX_TOKENS];
    size_t n;
    char extra[4][32]; /* replaced or added tokens */
    size_t nextra;
} toks;

static char *toks_extra(toks *k, const char *a, const char *b)
{
    char *e = k->extra[k->nextra++ % 4];
    snprintf(e, sizeof k->extra[0], "%s%s", a, b);
    return e;
}

static void toks_split(toks *k, const char *s)
{
    snprintf(k->buf, sizeof k->buf, "%s", s);
    k->n = 0;
    k->nextra = 0;
    for (char *p = strtok(k->buf, " "); p && k->n < WL_MAX_TOKENS; p = strtok(NULL, " "))
        k->t[k->n++] = p;
}

static void toks_join(const toks *k, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < k->n; i++)
        if (k->t[i][0])
            n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? " " : "", k->t[i]);
}

/* Legal-form variants: a form is replaced by another of its group. */
static const char *const k_forms[][4] = {
    { "CO.", "CO", "COMPANY", NULL },        { "LTD.", "LTD", "LIMITED", NULL },
    { "INC.", "INC", "INCORPORATED", NULL }, { "CORP.", "CORP", "CORPORATION", NULL },
    { "LLC", "L.L.C.", NULL, NULL },
};

/* Swaps a legal form for a variant; appends one to a name without. */
static void op_legal_form(toks *k)
{
    for (size_t i = 0; i < k->n; i++) {
        char word[32];
        size_t wl = strlen(k->t[i]);
        int comma = wl && k->t[i][wl - 1] == ',';
        if (wl - (size_t)comma >= sizeof word) continue;
        memcpy(word, k->t[i], wl - (size_t)comma);
        word[wl - (size_t)comma] = '\0';
        for (size_t g = 0; g < COUNT(k_forms); g++)
            for (size_t j = 0; k_forms[g][j]; j++) {
                if (strcasecmp(word, k_forms[g][j]) != 0) continue;
                size_t m = 0;
                while (k_forms[g][m]) m++;
                const char *v = k_forms[g][(j + 1 + rng_below(m - 1)) % m];
                k->t[i] = toks_extra(k, v, comma ? "," : "");
                return;
            }
    }
    if (k->n < WL_MAX_TOKENS) {
        static const char *const add[] = { "CO.", "LTD", "COMPANY", "LIMITED", "LLC" };
        k->t[k->n] = toks_extra(k, add[rng_below(COUNT(add))], "");
        k->n++;
    }
}

/* "SURNAME, Given Names" (OFAC individuals) becomes "Given Names SURNAME"; other names get
 * two tokens swapped. */
static void op_reorder(toks *k)
{
    if (k->n < 2) return;
    size_t l0 = strlen(k->t[0]);
    if (l0 > 1 && k->t[0][l0 - 1] == ',') {
        k->t[0][l0 - 1] = '\0';
        char *first = k->t[0];
        memmove(&k->t[0], &k->t[1], (k->n - 1) * sizeof k->t[0]);
        k->t[k->n - 1] = first;
        return;
    }
    size_t i = rng_below(k->n), j = rng_below(k->n - 1);
    if (j >= i) j++;
    char *tmp = k->t[i];
    k->t[i] = k->t[j];
    k->t[j] = tmp;
}

static void op_drop_middle(toks *k)
{
    if (k->n < 3) return;
    size_t i = 1 + rng_below(k->n - 2);
    memmove(&k->t[i], &k->t[i + 1], (k->n - i - 1) * sizeof k->t[0]);
    k->n--;
}

static int is_ascii_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* Picks a random position holding an ASCII letter; -1 when none. */
static long pick_letter(const char *s, size_t len)
{
    size_t start = rng_below(len ? len : 1);
    for (size_t d = 0; d < len; d++) {
        size_t i = (start + d) % len;
        if (is_ascii_alpha(s[i])) return (long)i;
    }
    return -1;
}

static char random_letter(int upper)
{
    char c = (char)('a' + rng_below(26));
    return upper ? (char)toupper((unsigned char)c) : c;
}

/* One typo: substitution, deletion, insertion or transposition of ASCII letters. */
static void op_typo(char *s, size_t cap)
{
    size_t len = strlen(s);
    long p = pick_letter(s, len);
    if (p < 0) return;
    size_t i = (size_t)p;
    int upper = isupper((unsigned char)s[i]);
    switch (rng_below(4)) {
    case 0: {
        char c;
        do c = random_letter(upper);
        while (c == s[i]);
        s[i] = c;
        break;
    }
    case 1:
        if (len > 4) memmove(s + i, s + i + 1, len - i);
        break;
    case 2:
        if (len + 2 < cap) {
            memmove(s + i + 1, s + i, len - i + 1);
            s[i] = random_letter(upper);
        }
        break;
    default:
        if (i + 1 < len && is_ascii_alpha(s[i + 1]) && s[i] != s[i + 1]) {
            char t = s[i];
            s[i] = s[i + 1];
            s[i + 1] = t;
        }
        break;
    }
}

/* Splits a long token in two ("ABDULRAHMAN" -> "ABDUL RAHMAN") at an ASCII position. */
static void op_split(char *s, size_t cap)
{
    size_t len = strlen(s);
    if (len + 2 >= cap) return;
    for (size_t tries = 0; tries < 8; tries++) {
        size_t i = 3 + rng_below(len > 6 ? len - 6 : 1);
        if (i + 3 > len) return;
        if (is_ascii_alpha(s[i - 1]) && is_ascii_alpha(s[i]) && is_ascii_alpha(s[i - 2]) &&
            is_ascii_alpha(s[i + 1]) && is_ascii_alpha(s[i + 2])) {
            memmove(s + i + 1, s + i, len - i + 1);
            s[i] = ' ';
            return;
        }
    }
}

/* Joins two tokens ("AL QAIDA" -> "ALQAIDA"). */
static void op_join(char *s)
{
    size_t len = strlen(s), spaces = 0;
    for (size_t i = 0; i < len; i++) spaces += s[i] == ' ';
    if (!spaces) return;
    size_t which = rng_below(spaces);
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ' && which-- == 0) {
            memmove(s + i, s + i + 1, len - i);
            return;
        }
}

/* Counterparty files seldom shout: most perturbed names are written in title case. */
static void title_case(char *s)
{
    int start = 1;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x80 && isalpha(c)) {
            *s = (char)(start ? toupper(c) : tolower(c));
            start = 0;
        } else {
            start = c < 0x80 && c != '\'';
        }
    }
}

static void make_perturbed(char *out, size_t cap, const pool *names)
{
    size_t pick = rng_below(names->n);
    const char *src = names->s[pick];
    int org = names->org[pick];
    toks k = { .n = 0 };
    toks_split(&k, src);
    size_t nops = 1 + rng_below(2);
    int token_ops_done = 0;

    /* Token operations first, then character operations on the joined string. */
    for (size_t i = 0; i < nops; i++) {
        unsigned op = (unsigned)rng_below(8);
        if (op == 0) {
            op_reorder(&k);
            token_ops_done = 1;
        } else if (op == 1) {
            op_drop_middle(&k);
            token_ops_done = 1;
        } else if (op == 2 && org) {
            op_legal_form(&k);
            token_ops_done = 1;
        }
    }
    /* An OFAC "SURNAME, Given" name is often written in natural order by a counterparty. */
    if (!token_ops_done && strchr(src, ',') && !org && rng_pct(50)) op_reorder(&k);
    toks_join(&k, out, cap);
    size_t typos = rng_pct(85) ? 1 + rng_below(2) : 0;
    for (size_t i = 0; i < typos; i++) op_typo(out, cap);
    if (rng_pct(10)) op_split(out, cap);
    if (rng_pct(10)) op_join(out);
    if (rng_pct(60)) title_case(out);
}

/* ---- other scripts: a simple Latin-to-Cyrillic transliteration ----------------------------- */

static size_t put_utf8(char *out, size_t n, size_t cap, unsigned cp)
{
    if (cp < 0x80) {
        if (n + 1 < cap) out[n++] = (char)cp;
    } else if (n + 2 < cap) {
        out[n++] = (char)(0xC0 | (cp >> 6));
        out[n++] = (char)(0x80 | (cp & 0x3F));
    }
    return n;
}

/* Russian-style romanization in reverse: digraphs first. Lower-case Cyrillic code points;
 * the upper-case letter is cp - 0x20. */
static void to_cyrillic(char *out, size_t cap, const char *latin)
{
    static const struct {
        const char *lat;
        unsigned cp[2];
    } map[] = {
        { "shch", { 0x0449, 0 } },   { "zh", { 0x0436, 0 } }, { "kh", { 0x0445, 0 } },
        { "ts", { 0x0446, 0 } },     { "ch", { 0x0447, 0 } }, { "sh", { 0x0448, 0 } },
        { "yu", { 0x044E, 0 } },     { "ya", { 0x044F, 0 } }, { "a", { 0x0430, 0 } },
        { "b", { 0x0431, 0 } },      { "v", { 0x0432, 0 } },  { "w", { 0x0432, 0 } },
        { "g", { 0x0433, 0 } },      { "d", { 0x0434, 0 } },  { "e", { 0x0435, 0 } },
        { "z", { 0x0437, 0 } },      { "i", { 0x0438, 0 } },  { "y", { 0x0439, 0 } },
        { "j", { 0x0434, 0x0436 } }, { "k", { 0x043A, 0 } },  { "c", { 0x043A, 0 } },
        { "q", { 0x043A, 0 } },      { "l", { 0x043B, 0 } },  { "m", { 0x043C, 0 } },
        { "n", { 0x043D, 0 } },      { "o", { 0x043E, 0 } },  { "p", { 0x043F, 0 } },
        { "r", { 0x0440, 0 } },      { "s", { 0x0441, 0 } },  { "t", { 0x0442, 0 } },
        { "u", { 0x0443, 0 } },      { "f", { 0x0444, 0 } },  { "h", { 0x0445, 0 } },
        { "x", { 0x043A, 0x0441 } },
    };
    size_t n = 0;
    int start = 1;
    for (const char *p = latin; *p;) {
        size_t best = 0, bl = 0;
        for (size_t i = 0; i < COUNT(map); i++) {
            size_t l = strlen(map[i].lat);
            if (l > bl && strncasecmp(p, map[i].lat, l) == 0) {
                best = i;
                bl = l;
            }
        }
        if (!bl) {
            unsigned char c = (unsigned char)*p;
            if (c < 0x80) { /* space, hyphen, apostrophe: kept */
                n = put_utf8(out, n, cap, c);
                start = 1;
            }
            p++; /* letters outside ASCII are dropped: a rough transliteration */
            continue;
        }
        for (size_t j = 0; j < 2 && map[best].cp[j]; j++) {
            unsigned cp = map[best].cp[j];
            n = put_utf8(out, n, cap, start && j == 0 ? cp - 0x20 : cp);
        }
        start = 0;
        p += bl;
    }
    out[n < cap ? n : cap - 1] = '\0';
}

/* Folds the accented Latin letters of the clean-name pool to ASCII ("Sánchez" -> "Sanchez"),
 * so that the Cyrillic rendering keeps every letter. */
static void fold_latin(char *s)
{
    static const char *const fold[][2] = {
        { "à", "a" }, { "á", "a" },  { "â", "a" },  { "ã", "a" }, { "ä", "a" }, { "å", "a" },
        { "ą", "a" }, { "ç", "c" },  { "č", "c" },  { "ć", "c" }, { "è", "e" }, { "é", "e" },
        { "ê", "e" }, { "ë", "e" },  { "ě", "e" },  { "ę", "e" }, { "ì", "i" }, { "í", "i" },
        { "î", "i" }, { "ï", "i" },  { "ı", "i" },  { "ñ", "n" }, { "ń", "n" }, { "ò", "o" },
        { "ó", "o" }, { "ô", "o" },  { "õ", "o" },  { "ö", "o" }, { "ø", "o" }, { "ő", "o" },
        { "ù", "u" }, { "ú", "u" },  { "û", "u" },  { "ü", "u" }, { "ű", "u" }, { "ý", "y" },
        { "ÿ", "y" }, { "ß", "ss" }, { "æ", "ae" }, { "ł", "l" }, { "ś", "s" }, { "ş", "s" },
        { "š", "s" }, { "ž", "z" },  { "ź", "z" },  { "ż", "z" }, { "ř", "r" }, { "ğ", "g" },
        { "ð", "d" }, { "þ", "th" }, { "Å", "A" },  { "Ä", "A" }, { "É", "E" }, { "Ó", "O" },
        { "Ö", "O" }, { "Ø", "O" },  { "Ü", "U" },
    };
    char *w = s;
    for (const char *r = s; *r;) {
        size_t i = 0;
        while (i < COUNT(fold) && strncmp(r, fold[i][0], strlen(fold[i][0])) != 0) i++;
        if (i == COUNT(fold)) {
            *w++ = *r++;
            continue;
        }
        /* every replacement is no longer than the 2-byte letter it replaces */
        size_t fl = strlen(fold[i][1]);
        memcpy(w, fold[i][1], fl);
        w += fl;
        r += strlen(fold[i][0]);
    }
    *w = '\0';
}

static void make_script(char *out, size_t cap, const pool *scripts, const pool *names)
{
    if (scripts->n && rng_pct(50)) {
        snprintf(out, cap, "%s", scripts->s[rng_below(scripts->n)]);
        return;
    }
    char latin[WL_NAME_CAP];
    if (rng_pct(50)) {
        make_clean(latin, sizeof latin);
    } else {
        toks k = { .n = 0 };
        toks_split(&k, names->s[rng_below(names->n)]);
        op_reorder(&k); /* natural order for OFAC "SURNAME, Given" names */
        toks_join(&k, latin, sizeof latin);
        for (char *p = latin; *p; p++)
            if (*p == ',') *p = ' ';
    }
    fold_latin(latin);
    to_cyrillic(out, cap, latin);
}

/* ---- output ------------------------------------------------------------------------------- */

static void write_csv_field(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
    fputc('"', f);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: namescreen-workload [--seed N] [--rows N] [--out FILE] [--lists DIR]\n"
            "Writes a screening workload CSV (id,name,kind; kind = perturbed|clean|script):\n"
            "~%d%% perturbed OFAC SDN / UN names, ~%d%% clean names, the rest in other scripts.\n"
            "rows: %ld..%ld (default 10000); seed default 1; lists default %s.\n",
            WL_PCT_PERTURBED, WL_PCT_CLEAN, WL_MIN_ROWS, WL_MAX_ROWS, NSC_LISTS_DIR);
}

static int parse_num(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-') return -1;
    *out = strtoull(s, &end, 10);
    return errno || *end ? -1 : 0;
}

/* DIR/LIST/<current version>/FILE of a lists directory into buf: 0, or 2 after a message. */
static int current_file(char *buf, size_t cap, const char *dir, const char *list, const char *file)
{
    char cur[512], version[256] = "";
    snprintf(cur, sizeof cur, "%s/%s/current", dir, list);
    FILE *f = fopen(cur, "r");
    if (f == NULL || fgets(version, sizeof version, f) == NULL) {
        fprintf(stderr, "namescreen-workload: cannot read %s: %s\n", cur, strerror(errno));
        if (f) fclose(f);
        return 2;
    }
    fclose(f);
    version[strcspn(version, "\n")] = '\0';
    snprintf(buf, cap, "%s/%s/%s/%s", dir, list, version, file);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long seed = 1, rows = 10000;
    const char *out_path = NULL, *lists = NSC_LISTS_DIR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "namescreen-workload: unknown option or missing value: %s\n", a);
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--seed") == 0) {
            if (parse_num(v, &seed) != 0) {
                fprintf(stderr, "namescreen-workload: bad --seed: %s\n", v);
                return 2;
            }
        } else if (strcmp(a, "--rows") == 0) {
            if (parse_num(v, &rows) != 0 || rows < (unsigned long long)WL_MIN_ROWS ||
                rows > (unsigned long long)WL_MAX_ROWS) {
                fprintf(stderr, "namescreen-workload: --rows must be %ld..%ld: %s\n", WL_MIN_ROWS,
                        WL_MAX_ROWS, v);
                return 2;
            }
        } else if (strcmp(a, "--out") == 0) {
            out_path = v;
        } else if (strcmp(a, "--lists") == 0) {
            lists = v;
        } else {
            fprintf(stderr, "namescreen-workload: unknown option: %s\n", a);
            usage(stderr);
            return 2;
        }
    }

    pool names = { 0 }, scripts = { 0 };
    char path[4096];
    if (current_file(path, sizeof path, lists, "ofac-sdn", "sdn.csv") != 0 ||
        read_sdn(&names, path) != 0)
        return 2;
    if (current_file(path, sizeof path, lists, "un", "consolidated.xml") != 0 ||
        read_un(&names, &scripts, path) != 0)
        return 2;
    if (!names.n) {
        fprintf(stderr, "namescreen-workload: no names found in %s\n", lists);
        return 2;
    }

    FILE *f = out_path ? fopen(out_path, "w") : stdout;
    if (!f) {
        fprintf(stderr, "namescreen-workload: %s: %s\n", out_path, strerror(errno));
        return 2;
    }
    g_rng = seed;
    fprintf(f, "id,name,kind\n");
    char name[WL_NAME_CAP];
    for (unsigned long long r = 1; r <= rows; r++) {
        size_t roll = rng_below(100);
        const char *kind;
        if (roll < WL_PCT_PERTURBED) {
            make_perturbed(name, sizeof name, &names);
            kind = "perturbed";
        } else if (roll < WL_PCT_PERTURBED + WL_PCT_CLEAN) {
            make_clean(name, sizeof name);
            kind = "clean";
        } else {
            make_script(name, sizeof name, &scripts, &names);
            kind = "script";
        }
        if (!name[0]) /* every row carries a name */
            snprintf(name, sizeof name, "%s", names.s[rng_below(names.n)]);
        fprintf(f, "%llu,", r);
        write_csv_field(f, name);
        fprintf(f, ",%s\n", kind);
    }
    int bad = ferror(f);
    if (out_path && fclose(f) != 0) bad = 1;
    if (bad) {
        fprintf(stderr, "namescreen-workload: write error%s%s\n", out_path ? " on " : "",
                out_path ? out_path : "");
        return 2;
    }
    fprintf(stderr,
            "namescreen-workload: %llu rows from %zu list names and %zu original-script "
            "names, seed %llu\n",
            rows, names.n, scripts.n, seed);
    pool_free(&names);
    pool_free(&scripts);
    return 0;
}
