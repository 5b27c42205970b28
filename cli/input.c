/* SPDX-License-Identifier: Apache-2.0 */
/*
 * input.c: the streaming record reader of `namescreen screen`. Three layers, each a 64 KiB
 * buffer: raw bytes from the file (hashed as read), gunzipped by zlib when the input is gzip,
 * converted to UTF-8 by a byte table built from an ICU converter when the input is Latin-1 or
 * Windows-1252; over them an RFC 4180 state machine that holds one record at a time.
 */
#include <errno.h>
#include <stdarg.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include "common.h"
#include "input.h"

#define CHUNK 65536
#define B_EOF (-1)
#define B_ERR (-2)
#define DOS_EOF 0x1A /* an MS-DOS end-of-file byte, still found after the last line of exports */

typedef enum in_enc { ENC_UTF8, ENC_LATIN1, ENC_CP1252 } in_enc;

static const char *const enc_names[] = { "utf-8", "latin1", "cp1252" };

/* How a record ended: read, the end of input, an I/O error, or a bad row (in->why). */
enum { REC_EOF = 0, REC_OK = 1, REC_ERR = -1, REC_BAD = 2 };

struct cli_input {
    const char *display;
    FILE *f;
    int is_stdin;
    /* raw bytes, and their digest */
    unsigned char raw[CHUNK];
    size_t raw_len, raw_pos;
    int raw_eof;
    struct sha256_ctx sha;
    long long raw_bytes;
    /* gzip */
    int gz, z_init, z_member_end;
    z_stream z;
    /* the bytes the parser reads: UTF-8 (checked, or converted through map) */
    in_enc enc;
    unsigned char map[256][4];
    unsigned char map_len[256];
    unsigned char plain[CHUNK];
    unsigned char dec[CHUNK * 3];
    size_t dec_len, dec_pos;
    int pushback; /* a byte given back, or B_EOF for none */
    char *replay_copy;
    char bom_keep[3];
    const char *replay;
    size_t replay_len, replay_pos;
    long long off; /* bytes consumed by the parser (the file's offset, for UTF-8) */
    long line;     /* the line the parser is on */
    /* the header */
    int delim, header;
    size_t ncols;
    char **names;
    /* the current record: its bytes as read, its fields */
    char *rec_raw;
    size_t rec_raw_len;
    char *fbuf;
    size_t fbuf_len, fstart; /* fstart: where the field being read starts */
    size_t *foff, nf, cap_f;
    const char **fptr;
    size_t fptr_cap;
    int overflow;
    long rec_line;
    long long rec_off;
    long rec_row;
    char why[256];
    long why_line; /* the line of the fault, when not the row's first */
    int pending;   /* with no header: the first record is read at open and handed out first */
    int finished;  /* 1: the end was reached, -1: a fatal error */
    /* bad rows */
    long rows, skipped;
    int skip;
    FILE *rej;
    char *rej_path;
    int counts[4]; /* delimiter candidates in the header, for detection */
};

static const char cand[4] = { ',', ';', '\t', '|' };
static const char *const delim_words[4] = { "commas", "semicolons", "tabs", "'|'" };
static const char *const delim_args[4] = { ",", ";", "\\t", "|" };

/* ---------------------------------------------------------------------------------------------
 * Bytes: raw, gunzipped, decoded
 * ------------------------------------------------------------------------------------------- */

static int read_raw(cli_input *in)
{
    in->raw_pos = 0;
    in->raw_len = fread(in->raw, 1, sizeof in->raw, in->f);
    if (in->raw_len > 0) {
        sha256_update(&in->sha, in->raw_len, in->raw);
        in->raw_bytes += (long long)in->raw_len;
        return 1;
    }
    if (ferror(in->f)) {
        errorf("error reading %s: %s", in->display, strerror(errno));
        return -1;
    }
    in->raw_eof = 1;
    return 0;
}

/* Up to cap bytes of gunzipped data into dst: the byte count, 0 at the end, -1 on an error. */
static long fill_gz(cli_input *in, unsigned char *dst, size_t cap)
{
    z_stream *z = &in->z;
    for (;;) {
        if (z->avail_in == 0) {
            int rc = read_raw(in);
            if (rc < 0) return -1;
            if (rc == 0) {
                if (in->z_member_end) return 0;
                errorf("%s: the gzip data is truncated", in->display);
                return -1;
            }
            z->next_in = in->raw;
            z->avail_in = (uInt)in->raw_len;
        }
        if (in->z_member_end) { /* another gzip member follows (concatenated files) */
            inflateReset(z);
            in->z_member_end = 0;
        }
        z->next_out = dst;
        z->avail_out = (uInt)cap;
        int r = inflate(z, Z_NO_FLUSH);
        if (r == Z_STREAM_END)
            in->z_member_end = 1;
        else if (r != Z_OK && r != Z_BUF_ERROR) {
            errorf("%s: not valid gzip data (zlib: %s)", in->display, z->msg ? z->msg : "error");
            return -1;
        }
        size_t got = cap - z->avail_out;
        if (got > 0) return (long)got;
    }
}

static long fill_plain(cli_input *in, unsigned char *dst, size_t cap)
{
    if (in->gz) return fill_gz(in, dst, cap);
    if (in->raw_pos == in->raw_len) {
        int rc = read_raw(in);
        if (rc <= 0) return rc;
    }
    size_t n = in->raw_len - in->raw_pos;
    if (n > cap) n = cap;
    memcpy(dst, in->raw + in->raw_pos, n);
    in->raw_pos += n;
    return (long)n;
}

/* Refills in->dec: 1, 0 at the end, -1 on an error (reported). */
static int fill(cli_input *in)
{
    in->dec_pos = in->dec_len = 0;
    if (in->enc == ENC_UTF8) {
        long n = fill_plain(in, in->dec, CHUNK);
        if (n <= 0) return (int)n;
        in->dec_len = (size_t)n;
        return 1;
    }
    long n = fill_plain(in, in->plain, sizeof in->plain);
    if (n <= 0) return (int)n;
    for (long i = 0; i < n; i++) {
        unsigned b = in->plain[i];
        memcpy(in->dec + in->dec_len, in->map[b], in->map_len[b]);
        in->dec_len += in->map_len[b];
    }
    return 1;
}

static int next_byte(cli_input *in)
{
    if (in->pushback != B_EOF) {
        int c = in->pushback;
        in->pushback = B_EOF;
        in->off++;
        return c;
    }
    if (in->replay_pos < in->replay_len) {
        in->off++;
        return (unsigned char)in->replay[in->replay_pos++];
    }
    if (in->dec_pos == in->dec_len) {
        int rc = fill(in);
        if (rc <= 0) return rc == 0 ? B_EOF : B_ERR;
    }
    in->off++;
    return in->dec[in->dec_pos++];
}

static void push_back(cli_input *in, int c)
{
    if (c < 0) return;
    in->pushback = c;
    in->off--;
}

/* The UTF-8 form of each byte of a single-byte charset, from ICU's converter for it; a byte
 * the charset leaves undefined becomes U+FFFD. */
static int build_map(cli_input *in)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(in->enc == ENC_LATIN1 ? "ISO-8859-1" : "windows-1252", &st);
    if (U_FAILURE(st)) {
        errorf("cannot open the %s converter: %s", enc_names[in->enc], u_errorName(st));
        return -1;
    }
    ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
    for (unsigned b = 0; b < 256; b++) {
        UChar u[4];
        char src = (char)b;
        st = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(cv, u, 4, &src, 1, &st);
        unsigned cp =
            (U_FAILURE(st) || n != 1 || (u[0] >= 0xD800 && u[0] < 0xE000)) ? 0xFFFD : u[0];
        unsigned char *m = in->map[b];
        if (cp < 0x80) {
            m[0] = (unsigned char)cp;
            in->map_len[b] = 1;
        } else if (cp < 0x800) {
            m[0] = (unsigned char)(0xC0 | (cp >> 6));
            m[1] = (unsigned char)(0x80 | (cp & 0x3F));
            in->map_len[b] = 2;
        } else {
            m[0] = (unsigned char)(0xE0 | (cp >> 12));
            m[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            m[2] = (unsigned char)(0x80 | (cp & 0x3F));
            in->map_len[b] = 3;
        }
    }
    ucnv_close(cv);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Records
 * ------------------------------------------------------------------------------------------- */

static void raw_put(cli_input *in, int c)
{
    if (in->rec_raw_len >= CLI_INPUT_MAX_RECORD + 2) {
        in->overflow = 1;
        return;
    }
    in->rec_raw[in->rec_raw_len++] = (char)c;
}

static void field_put(cli_input *in, int c)
{
    if (in->fbuf_len >= CLI_INPUT_MAX_RECORD) {
        in->overflow = 1;
        return;
    }
    in->fbuf[in->fbuf_len++] = (char)c;
}

static void field_end(cli_input *in)
{
    if (in->nf == in->cap_f) {
        in->cap_f = in->cap_f ? in->cap_f * 2 : 16;
        in->foff = xrealloc(in->foff, in->cap_f * sizeof *in->foff);
    }
    in->foff[in->nf++] = in->fstart;
    if (in->fbuf_len <= CLI_INPUT_MAX_RECORD)
        in->fbuf[in->fbuf_len++] = '\0'; /* fbuf has room for the last NUL */
    else
        in->overflow = 1;
    in->fstart = in->fbuf_len;
}

/* While the delimiter is being detected every candidate splits fields (so that a quoted field
 * after any of them, "id";"name", reads as one) and is counted; the first line is read again
 * once the winner is known. */
static int is_delim(cli_input *in, int c)
{
    if (in->delim != 0) return c == in->delim;
    for (int i = 0; i < 4; i++)
        if (c == cand[i]) {
            in->counts[i]++;
            return 1;
        }
    return 0;
}

static int bad(cli_input *in, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(cli_input *in, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(in->why, sizeof in->why, fmt, ap);
    va_end(ap);
    in->why_line = line;
    return REC_BAD;
}

/* After a fault inside a line: consumes the rest of that line into the raw record, so that
 * reading goes on at the next one. */
static int skip_line(cli_input *in)
{
    for (;;) {
        int c = next_byte(in);
        if (c == B_ERR) return REC_ERR;
        if (c == B_EOF) return REC_BAD;
        raw_put(in, c);
        if (c == '\n') {
            in->line++;
            return REC_BAD;
        }
    }
}

/* Skips blank lines; returns the first byte of a record, B_EOF or B_ERR. */
static int record_start(cli_input *in)
{
    for (;;) {
        int c = next_byte(in);
        if (c < 0) return c;
        if (c == '\n') {
            in->line++;
            continue;
        }
        if (c == '\r' || c == DOS_EOF) {
            int d = next_byte(in);
            if (d == B_ERR) return B_ERR;
            if (c == DOS_EOF && (d == B_EOF || d == '\n' || d == '\r' || d == DOS_EOF)) {
                push_back(in, d);
                continue;
            }
            if (c == '\r' && d == '\n') {
                in->line++;
                continue;
            }
            if (c == '\r' && d == B_EOF) return B_EOF;
            push_back(in, d);
        }
        return c;
    }
}

/* An end of line or input outside quotes: 1 when c ends the record (CRLF consumed whole). */
static int ends_record(cli_input *in, int c, int *err)
{
    if (c == B_EOF) return 1;
    if (c == '\n') {
        in->line++;
        return 1;
    }
    if (c != '\r') return 0;
    int d = next_byte(in);
    if (d == B_ERR) {
        *err = 1;
        return 1;
    }
    if (d == '\n') {
        raw_put(in, d);
        in->line++;
        return 1;
    }
    if (d == B_EOF) return 1;
    push_back(in, d); /* a bare CR is data */
    return 0;
}

enum { ST_START, ST_UNQ, ST_Q, ST_QQ };

/* Reads one record into the fields: REC_OK, REC_EOF, REC_ERR or REC_BAD (in->why). */
static int read_record(cli_input *in)
{
    in->nf = in->fbuf_len = in->fstart = in->rec_raw_len = 0;
    in->overflow = 0;
    in->why[0] = '\0';
    in->why_line = 0;
    int c = record_start(in);
    if (c == B_ERR) return REC_ERR;
    if (c == B_EOF) return REC_EOF;
    in->rec_line = in->line;
    in->rec_off = in->off - 1;
    int st = ST_START, again = 1, err = 0;
    long opened = 0;
    for (;;) {
        if (!again) {
            c = next_byte(in);
            if (c == B_ERR) return REC_ERR;
        }
        again = 0;
        if (c >= 0) raw_put(in, c);
        if (c == 0 && st != ST_QQ) {
            bad(in, in->line, "NUL byte (field %ld)", (long)in->nf + 1);
            return skip_line(in);
        }
        if (st == ST_Q) {
            if (c == B_EOF)
                return bad(in, opened, "unterminated quoted field (opened on line %ld)", opened);
            if (c == '"')
                st = ST_QQ;
            else {
                if (c == '\n') in->line++;
                field_put(in, c);
            }
            continue;
        }
        if (st == ST_QQ) {
            if (c == '"') {
                field_put(in, '"');
                st = ST_Q;
                continue;
            }
            if (c != B_EOF && c != '\n' && c != '\r' && !is_delim(in, c)) {
                bad(in, in->line, "text after a closing quote (field %ld)", (long)in->nf + 1);
                return skip_line(in);
            }
            if (c != B_EOF && c != '\n' && c != '\r') { /* a delimiter */
                field_end(in);
                st = ST_START;
                continue;
            }
            st = ST_UNQ;
        }
        /* outside quotes */
        if (ends_record(in, c, &err)) {
            if (err) return REC_ERR;
            field_end(in);
            return REC_OK;
        }
        if (is_delim(in, c)) {
            field_end(in);
            st = ST_START;
        } else if (c == '"') {
            if (st != ST_START) {
                bad(in, in->line, "quote inside an unquoted field (field %ld)", (long)in->nf + 1);
                return skip_line(in);
            }
            st = ST_Q;
            opened = in->line;
        } else {
            field_put(in, c);
            st = ST_UNQ;
        }
    }
}

/* The first byte at which s is not valid UTF-8 (shortest forms, no surrogates, at most
 * U+10FFFF), or n when it all is. */
static size_t utf8_bad_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return i;
        i += len;
    }
    return n;
}

/* Checks the fields of a record read whole: REC_OK or REC_BAD. */
static int check_record(cli_input *in)
{
    if (in->overflow) return bad(in, 0, "row longer than %d bytes", CLI_INPUT_MAX_RECORD);
    if (in->enc == ENC_UTF8) {
        size_t at = utf8_bad_at((const unsigned char *)in->rec_raw, in->rec_raw_len);
        if (at < in->rec_raw_len) {
            long line = in->rec_line;
            for (size_t i = 0; i < at; i++) line += in->rec_raw[i] == '\n';
            snprintf(in->why, sizeof in->why,
                     "invalid UTF-8 at byte offset %lld; if the file is not UTF-8, give "
                     "--input-encoding latin1 or cp1252",
                     in->rec_off + (long long)at);
            in->why_line = line;
            return REC_BAD;
        }
    }
    if (in->nf > in->fptr_cap) {
        in->fptr_cap = in->nf;
        in->fptr = xrealloc(in->fptr, in->fptr_cap * sizeof *in->fptr);
    }
    for (size_t i = 0; i < in->nf; i++) in->fptr[i] = in->fbuf + in->foff[i];
    return REC_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Bad rows
 * ------------------------------------------------------------------------------------------- */

static int open_rejects(cli_input *in, const char *path)
{
    in->rej_path = xstrdup(path ? path : "rejects.csv");
    in->rej = fopen(in->rej_path, "w");
    if (in->rej == NULL) {
        errorf("cannot write the reject file %s: %s", in->rej_path, strerror(errno));
        return -1;
    }
    fputs("row,line,reason,raw\n", in->rej);
    return 0;
}

static int reject(cli_input *in, long row, long line, const char *reason)
{
    size_t n = in->rec_raw_len;
    while (n > 0 && (in->rec_raw[n - 1] == '\n' || in->rec_raw[n - 1] == '\r')) n--;
    char *raw = xcalloc(n + 1, 1);
    memcpy(raw, in->rec_raw, n);
    cli_buf b;
    cli_buf_init(&b);
    cli_buf_printf(&b, "%ld,%ld,", row, line);
    cli_csv_field(&b, reason);
    cli_buf_puts(&b, ",");
    cli_csv_field(&b, raw);
    cli_buf_puts(&b, "\n");
    int rc = cli_buf_write(&b, in->rej);
    cli_buf_free(&b);
    free(raw);
    if (rc != 0) {
        errorf("error writing the reject file %s: %s", in->rej_path, strerror(errno));
        return -1;
    }
    in->skipped++;
    return 0;
}

/* A bad data row: set aside (0) or fatal (-1, reported). */
static int bad_row(cli_input *in, long row, long line, const char *reason)
{
    if (in->skip) return reject(in, row, line, reason);
    errorf("%s line %ld (data row %ld): %s", in->display, line, row, reason);
    return -1;
}

int cli_input_bad_row(cli_input *in, const cli_record *rec, const char *reason)
{
    return bad_row(in, rec->row, rec->line, reason);
}

/* Reads data rows until a good one: 1, 0 at the end, -1 fatal. */
static int next_good(cli_input *in)
{
    for (;;) {
        int rc = read_record(in);
        if (rc == REC_EOF) return 0;
        if (rc == REC_ERR) return -1;
        long row = ++in->rows;
        if (rc == REC_OK) rc = check_record(in);
        if (rc == REC_OK && in->ncols != 0 && in->nf != in->ncols) {
            if (in->nf == in->ncols + 1 && in->fbuf[in->foff[in->nf - 1]] == '\0') {
                in->nf--; /* Excel's trailing delimiter */
            } else {
                char why[128];
                snprintf(why, sizeof why, "%zu field%s, but the header has %zu columns", in->nf,
                         in->nf == 1 ? "" : "s", in->ncols);
                snprintf(in->why, sizeof in->why, "%s", why);
                in->why_line = in->rec_line;
                rc = REC_BAD;
            }
        }
        in->rec_row = row;
        if (rc == REC_OK) return 1;
        if (bad_row(in, row, in->why_line ? in->why_line : in->rec_line, in->why) != 0) return -1;
    }
}

int cli_input_next(cli_input *in, cli_record *rec)
{
    if (in->finished) return in->finished > 0 ? 0 : -1; /* sticky: the end, or the error */
    if (in->pending) {
        in->pending = 0;
    } else {
        int rc = next_good(in);
        if (rc <= 0) {
            in->finished = rc == 0 ? 1 : -1;
            return rc;
        }
    }
    rec->row = in->rec_row;
    rec->line = in->rec_line;
    rec->n = in->ncols;
    rec->f = in->fptr;
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * Opening: the file, gzip, the encoding, the header and the delimiter
 * ------------------------------------------------------------------------------------------- */

static int parse_encoding(in_enc *out, const char *s)
{
    static const struct {
        const char *name;
        in_enc e;
    } tab[] = { { "utf-8", ENC_UTF8 },         { "utf8", ENC_UTF8 },
                { "latin1", ENC_LATIN1 },      { "latin-1", ENC_LATIN1 },
                { "iso-8859-1", ENC_LATIN1 },  { "cp1252", ENC_CP1252 },
                { "windows-1252", ENC_CP1252 } };
    if (s == NULL) {
        *out = ENC_UTF8;
        return 0;
    }
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (ascii_casecmp(s, tab[i].name) == 0) {
            *out = tab[i].e;
            return 0;
        }
    return usage_error("unknown --input-encoding '%s' (utf-8, latin1 or cp1252)", s);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && ascii_casecmp(s + n - m, suffix) == 0;
}

static int open_file(cli_input *in, const char *path)
{
    in->is_stdin = strcmp(path, "-") == 0;
    in->display = in->is_stdin ? "standard input" : path;
    in->f = in->is_stdin ? stdin : fopen(path, "rb");
    struct stat st;
    if (in->f == NULL || fstat(fileno(in->f), &st) != 0) {
        errorf("cannot open %s: %s", in->display, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        errorf("cannot open %s: %s", in->display, strerror(EISDIR));
        return -1;
    }
    sha256_init(&in->sha);
    if (read_raw(in) < 0) return -1;
    in->gz = (in->raw_len >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) ||
             (!in->is_stdin && ends_with(path, ".gz"));
    if (in->gz) {
        /* 15 + 16: a gzip wrapper, not zlib's */
        if (inflateInit2(&in->z, 15 + 16) != Z_OK) {
            errorf("%s: cannot start zlib", in->display);
            return -1;
        }
        in->z_init = 1;
        in->z.next_in = in->raw;
        in->z.avail_in = (uInt)in->raw_len;
    }
    return 0;
}

/* Takes the BOM off the start of UTF-8 input. */
static int skip_bom(cli_input *in)
{
    int b[3], n = 0;
    while (n < 3) {
        b[n] = next_byte(in);
        if (b[n] == B_ERR) return -1;
        if (b[n] == B_EOF) break;
        n++;
    }
    if (n == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return 0;
    /* give the bytes back through the replay buffer */
    for (int i = 0; i < n; i++) in->bom_keep[i] = (char)b[i];
    in->off -= n;
    in->replay = in->bom_keep;
    in->replay_len = (size_t)n;
    in->replay_pos = 0;
    return 0;
}

static int choose_delim(const cli_input *in)
{
    int best = 0;
    for (int i = 1; i < 4; i++)
        if (in->counts[i] > in->counts[best]) best = i;
    return in->counts[best] > 0 ? cand[best] : ',';
}

/* The first record, read again once its delimiter is known: its bytes, then those still
 * waiting to be read from the BOM check or a push-back, are replayed from *copy. */
static int reread_first(cli_input *in, char **copy)
{
    size_t n = in->rec_raw_len, left = in->replay_len - in->replay_pos;
    *copy = xcalloc(n + left + 2, 1);
    memcpy(*copy, in->rec_raw, n);
    if (left) memcpy(*copy + n, in->replay + in->replay_pos, left);
    n += left;
    if (in->pushback != B_EOF) {
        (*copy)[n++] = (char)in->pushback;
        in->pushback = B_EOF;
    }
    in->replay = *copy;
    in->replay_len = n;
    in->replay_pos = 0;
    in->line = in->rec_line;
    in->off = in->rec_off;
    return read_record(in);
}

/* After the first record: what is left of the replayed copy is still to be read, so it moves
 * to the BOM buffer when it fits (it holds the few bytes of a file of a short line or two),
 * else the copy stays until close. */
static int keep_replay(cli_input *in, char *copy)
{
    if (copy == NULL) return 0;
    size_t left = in->replay_len - in->replay_pos;
    if (left <= sizeof in->bom_keep) {
        memcpy(in->bom_keep, in->replay + in->replay_pos, left);
        in->replay = in->bom_keep;
        in->replay_len = left;
        in->replay_pos = 0;
        free(copy);
    } else {
        in->replay_copy = copy;
    }
    return 0;
}

static int read_first(cli_input *in)
{
    int rc = read_record(in);
    if (rc == REC_ERR) return -1;
    if (rc == REC_EOF) {
        errorf("%s: empty file; expected %s", in->display,
               in->header ? "a header line" : "a data row");
        return -1;
    }
    char *copy = NULL;
    if (in->delim == 0) {
        if (in->overflow) {
            errorf("%s: the first line is longer than %d bytes", in->display, CLI_INPUT_MAX_RECORD);
            return -1;
        }
        in->delim = choose_delim(in);
        rc = reread_first(in, &copy);
        if (rc == REC_ERR) goto fail;
    }
    if (rc == REC_OK) rc = check_record(in);
    if (rc != REC_OK) {
        if (in->header)
            errorf("%s line %ld: header: %s", in->display,
                   in->why_line ? in->why_line : in->rec_line, in->why);
        else
            errorf("%s line %ld (data row 1): %s", in->display,
                   in->why_line ? in->why_line : in->rec_line, in->why);
        goto fail;
    }
    in->ncols = in->nf;
    in->names = xcalloc(in->ncols, sizeof *in->names);
    for (size_t i = 0; i < in->ncols; i++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        in->names[i] = xstrdup(in->header ? in->fptr[i] : num);
    }
    if (!in->header) {
        in->rows = 1;
        in->rec_row = 1;
        in->pending = 1;
    }
    return keep_replay(in, copy);
fail:
    free(copy);
    in->replay = NULL;
    in->replay_len = in->replay_pos = 0;
    return -1;
}

int cli_input_open(cli_input **out, const cli_input_opts *o)
{
    *out = NULL;
    cli_input *in = xcalloc(1, sizeof *in);
    in->pushback = B_EOF;
    in->line = 1;
    in->delim = o->delimiter;
    in->header = !o->no_header;
    in->skip = o->skip_bad_rows;
    in->rec_raw = xcalloc(CLI_INPUT_MAX_RECORD + 2, 1);
    in->fbuf = xcalloc(CLI_INPUT_MAX_RECORD + 1, 1);
    if (parse_encoding(&in->enc, o->encoding) != 0) goto fail;
    if (in->enc != ENC_UTF8 && build_map(in) != 0) goto fail;
    if (open_file(in, o->path ? o->path : "-") != 0) goto fail;
    if (in->enc == ENC_UTF8 && skip_bom(in) != 0) goto fail;
    if (in->skip && open_rejects(in, o->reject_path) != 0) goto fail;
    if (read_first(in) != 0) goto fail;
    *out = in;
    return 0;
fail:
    cli_input_close(in);
    return EXIT_ERR;
}

void cli_input_close(cli_input *in)
{
    if (in == NULL) return;
    if (in->f && !in->is_stdin) fclose(in->f);
    if (in->z_init) inflateEnd(&in->z);
    if (in->rej && fclose(in->rej) != 0)
        errorf("error writing the reject file %s: %s", in->rej_path, strerror(errno));
    for (size_t i = 0; i < in->ncols; i++) free(in->names[i]);
    free(in->names);
    free(in->rec_raw);
    free(in->fbuf);
    free(in->foff);
    free(in->fptr);
    free(in->rej_path);
    free(in->replay_copy);
    free(in);
}

/* ---------------------------------------------------------------------------------------------
 * What the reader saw
 * ------------------------------------------------------------------------------------------- */

const char *cli_input_display(const cli_input *in) { return in->display; }
size_t cli_input_ncols(const cli_input *in) { return in->ncols; }

const char *cli_input_colname(const cli_input *in, size_t i)
{
    return i < in->ncols ? in->names[i] : NULL;
}

/* a and b equal but for ASCII case and blanks around a ("id, name, dob" headers) */
static int same_trimmed(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t') a++;
    size_t n = strlen(a), m = strlen(b);
    while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t')) n--;
    if (n != m) return 0;
    for (size_t i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = (unsigned char)b[i];
        if ((x >= 'A' && x <= 'Z' ? x + 32 : x) != (y >= 'A' && y <= 'Z' ? y + 32 : y)) return 0;
    }
    return 1;
}

long cli_input_column(const cli_input *in, const char *name)
{
    for (size_t i = 0; i < in->ncols; i++)
        if (strcmp(in->names[i], name) == 0) return (long)i;
    for (size_t i = 0; i < in->ncols; i++)
        if (ascii_casecmp(in->names[i], name) == 0) return (long)i;
    for (size_t i = 0; i < in->ncols; i++)
        if (same_trimmed(in->names[i], name)) return (long)i;
    return -1;
}

long cli_input_rows_read(const cli_input *in) { return in->rows; }
long cli_input_rows_skipped(const cli_input *in) { return in->skipped; }
int cli_input_delimiter(const cli_input *in) { return in->delim; }
int cli_input_has_header(const cli_input *in) { return in->header; }
const char *cli_input_encoding(const cli_input *in) { return enc_names[in->enc]; }
const char *cli_input_reject_path(const cli_input *in) { return in->rej ? in->rej_path : NULL; }

void cli_input_digest(const cli_input *in, char sha256_hex[65], long long *bytes)
{
    struct sha256_ctx ctx = in->sha;
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(sha256_hex + 2 * i, 3, "%02x", d[i]);
    *bytes = in->raw_bytes;
}

/* ---------------------------------------------------------------------------------------------
 * Columns and queries
 * ------------------------------------------------------------------------------------------- */

static int missing_column(const cli_input *in, const char *name, const char *why)
{
    fprintf(stderr, PROG ": %s: no column '%s'%s; the header has:", in->display, name, why);
    for (size_t i = 0; i < in->ncols; i++) fprintf(stderr, "%s '%s'", i ? "," : "", in->names[i]);
    fputc('\n', stderr);
    if (in->ncols == 1) {
        for (int i = 0; i < 4; i++)
            if (cand[i] != in->delim && strchr(in->names[0], cand[i])) {
                fprintf(stderr,
                        PROG ": the header is one field holding %s; if that separates the "
                             "columns, give --delimiter '%s'\n",
                        delim_words[i], delim_args[i]);
                break;
            }
    }
    return EXIT_ERR;
}

/* The column of option `opt` (must exist) when given, else the first default present. */
static int pick(long *out, const cli_input *in, const char *value, const char *opt,
                const char *const *defaults)
{
    *out = -1;
    if (value != NULL) {
        *out = cli_input_column(in, value);
        if (*out >= 0) return 0;
        char why[64];
        snprintf(why, sizeof why, " (%s)", opt);
        return missing_column(in, value, why);
    }
    for (size_t i = 0; defaults && defaults[i] && *out < 0; i++)
        *out = cli_input_column(in, defaults[i]);
    return 0;
}

int cli_columns_resolve(cli_columns *c, const cli_input *in, const cli_opts *o)
{
    static const char *const dob_defaults[] = { "dob", NULL };
    static const char *const country_defaults[] = { "country", "nationality", NULL };
    c->name = c->given = c->family = -1;
    if (o->reject_file && !o->skip_bad_rows)
        return usage_error("screen: --reject-file is for --skip-bad-rows");
    if (o->given_column || o->family_column) {
        if (o->column)
            return usage_error("screen: --column names a whole name; give it or "
                               "--given-column and --family-column, not both");
        if (pick(&c->given, in, o->given_column, "--given-column", NULL) != 0 ||
            pick(&c->family, in, o->family_column, "--family-column", NULL) != 0)
            return EXIT_ERR;
    } else {
        const char *name = o->column ? o->column : "name";
        c->name = cli_input_column(in, name);
        if (c->name < 0)
            return missing_column(in, name,
                                  o->column ? " (--column)"
                                            : " (the default name column; choose one with "
                                              "--column, or --given-column and --family-column)");
    }
    if (pick(&c->id, in, o->id_column, "--id-column", NULL) != 0 ||
        pick(&c->dob, in, o->dob_column, "--dob-column", dob_defaults) != 0 ||
        pick(&c->country, in, o->country_column, "--country-column", country_defaults) != 0 ||
        pick(&c->type, in, o->type_column, "--type-column", NULL) != 0)
        return EXIT_ERR;
    return 0;
}

static const char *cell(const cli_record *rec, long col)
{
    return col >= 0 && (size_t)col < rec->n ? rec->f[col] : "";
}

const char *cli_record_name(const cli_record *rec, const cli_columns *c, char *buf, size_t cap)
{
    if (c->name >= 0) return cell(rec, c->name);
    const char *g = cell(rec, c->given), *f = cell(rec, c->family);
    snprintf(buf, cap, "%s%s%s", g, *g && *f ? " " : "", f);
    return buf;
}

int cli_record_query(nsc_query *q, char iso[11], cli_date_note *note, const cli_record *rec,
                     const cli_columns *c, int date_format)
{
    nsc_query init = NSC_QUERY_INIT;
    *q = init;
    iso[0] = '\0';
    *note = CLI_DATE_NONE;
    if (c->name >= 0) {
        q->name = cell(rec, c->name);
    } else {
        const char *g = cell(rec, c->given), *f = cell(rec, c->family);
        q->given = is_blank(g) ? NULL : g;
        q->family = is_blank(f) ? NULL : f;
    }
    const char *dob = cell(rec, c->dob);
    if (!is_blank(dob)) {
        *note = cli_date_read(iso, dob, (cli_date_format)date_format);
        if (*note == CLI_DATE_OK) q->dob = iso;
    }
    const char *country = cell(rec, c->country);
    if (*country != '\0') q->country = country;
    const char *type = cell(rec, c->type);
    if (!is_blank(type) && nsc_entity_type_parse(&q->type, type) != 0) return CLI_RECORD_BAD_TYPE;
    return 0;
}
