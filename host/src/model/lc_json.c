/* lc_json.c : JSON files through jansson; positions, typed reads and located
 * messages shared by the file schemas
 * jansson's values carry no position, so an error scans the text again for
 * the path it names (the scan only skips tokens; jansson decodes).
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L /* open, fstat, fdopen */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lc_error.h"
#include "lc_json.h"

#define PATH_MAX_LEN 256


/* ---- positions ---------------------------------------------------------- */

/* Walks the text below one value, keeping the path of the value being read.
 * Target mode: stops on the value (or key) at @c target, skipping subtrees
 * that cannot hold it. Stop mode (target NULL): stops at the token that
 * reaches @c stop, where jansson gave up, so that a syntax error names a path. */
struct scan {
    const char *t;
    size_t len, p, stop;
    const char *target;
    int want_key;
    size_t found;
    char path[PATH_MAX_LEN];
    size_t plen;
    int overflow; /* the path did not fit: no match possible */
};

enum { SCAN_ON = 0, SCAN_DONE = 1, SCAN_BAD = -1 };

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* a delimiter ends a number or a literal (NUL too) */
static int is_delim(char c)
{
    return is_ws(c) || c == '\0' || c == ',' || c == ':' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '"';
}

static void skip_ws(struct scan *s)
{
    while (s->p < s->len && is_ws(s->t[s->p]))
        s->p++;
}

/* past a number or literal; SCAN_BAD when there is none */
static int skip_scalar(struct scan *s)
{
    size_t p0 = s->p;
    while (s->p < s->len && !is_delim(s->t[s->p]))
        s->p++;
    return s->p > p0 ? SCAN_ON : SCAN_BAD;
}

/* past a string starting at its quote; SCAN_BAD when it does not end */
static int skip_string(struct scan *s)
{
    size_t p = s->p + 1;
    while (p < s->len && s->t[p] != '"')
        p += s->t[p] == '\\' ? 2 : 1;
    if (p >= s->len)
        return SCAN_BAD;
    s->p = p + 1;
    return SCAN_ON;
}

/* past one whole value (target mode: the text is valid) */
static int skip_value(struct scan *s)
{
    int depth = 0, rc;
    do {
        skip_ws(s);
        if (s->p >= s->len)
            return SCAN_BAD;
        switch (s->t[s->p]) {
        case '"': rc = skip_string(s); break;
        case '{':
        case '[': depth++; s->p++; rc = SCAN_ON; break;
        case '}':
        case ']': depth--; s->p++; rc = SCAN_ON; break;
        case ',':
        case ':': s->p++; rc = SCAN_ON; break;
        default: rc = skip_scalar(s); break;
        }
        if (rc != SCAN_ON)
            return rc;
    } while (depth > 0);
    return SCAN_ON;
}

static void path_push(struct scan *s, const char *part, size_t n)
{
    if (s->overflow || s->plen + n >= sizeof s->path) {
        s->overflow = 1;
        return;
    }
    memcpy(s->path + s->plen, part, n);
    s->plen += n;
    s->path[s->plen] = '\0';
}

static void path_key(struct scan *s, size_t key_at, size_t key_end)
{
    const char *raw = s->t + key_at + 1;
    size_t n = key_end - key_at - 2;
    if (s->plen)
        path_push(s, ".", 1);
    if (!memchr(raw, '\\', n)) {
        path_push(s, raw, n);
    } else { /* an escaped key: let jansson decode it */
        json_t *k = json_loadb(s->t + key_at, key_end - key_at, JSON_DECODE_ANY, NULL);
        const char *v = json_string_value(k);
        if (v)
            path_push(s, v, strlen(v));
        else
            s->overflow = 1;
        json_decref(k);
    }
}

static void path_truncate(struct scan *s, size_t plen, int overflow)
{
    s->plen = plen;
    s->overflow = overflow;
    s->path[plen] = '\0';
}

/* can the target lie at or below the current path? */
static int may_hold(const struct scan *s)
{
    if (s->overflow)
        return 0;
    if (s->plen == 0)
        return 1;
    return strncmp(s->target, s->path, s->plen) == 0 &&
           (s->target[s->plen] == '\0' || s->target[s->plen] == '.' ||
            s->target[s->plen] == '[');
}

static int at_stop(const struct scan *s)
{
    return !s->target && s->p >= s->stop;
}

static int scan_value(struct scan *s, int depth)
{
    size_t plen = s->plen, idx, key_at;
    int overflow = s->overflow, rc;
    char c, close, part[32];

    skip_ws(s);
    if (at_stop(s) || s->p >= s->len)
        return SCAN_DONE;
    if (s->target) {
        if (!s->want_key && !s->overflow && strcmp(s->path, s->target) == 0) {
            s->found = s->p;
            return SCAN_DONE;
        }
        if (!may_hold(s))
            return skip_value(s);
    }
    c = s->t[s->p];
    if (c == '"') {
        rc = skip_string(s);
        return rc != SCAN_ON || at_stop(s) ? SCAN_DONE : SCAN_ON;
    }
    if (c != '{' && c != '[') {
        rc = skip_scalar(s);
        return rc != SCAN_ON || at_stop(s) ? SCAN_DONE : SCAN_ON;
    }
    if (depth >= LC_JSON_MAX_DEPTH)
        return SCAN_DONE;
    close = c == '{' ? '}' : ']';
    s->p++;
    for (idx = 0;; idx++) {
        skip_ws(s);
        if (at_stop(s) || s->p >= s->len)
            return SCAN_DONE;
        if (idx == 0 && s->t[s->p] == close) {
            s->p++;
            return SCAN_ON;
        }
        if (c == '{') {
            if (s->t[s->p] != '"')
                return SCAN_DONE;
            key_at = s->p;
            if (skip_string(s) != SCAN_ON)
                return SCAN_DONE;
            path_key(s, key_at, s->p);
            if (s->target && s->want_key && !s->overflow && strcmp(s->path, s->target) == 0) {
                s->found = key_at;
                return SCAN_DONE;
            }
            skip_ws(s);
            if (at_stop(s) || s->p >= s->len || s->t[s->p] != ':')
                return SCAN_DONE;
            s->p++;
        } else {
            snprintf(part, sizeof part, "[%zu]", idx);
            path_push(s, part, strlen(part));
        }
        rc = scan_value(s, depth + 1);
        if (rc != SCAN_ON)
            return rc;
        path_truncate(s, plen, overflow);
        skip_ws(s);
        if (at_stop(s) || s->p >= s->len)
            return SCAN_DONE;
        if (s->t[s->p] == close) {
            s->p++;
            return SCAN_ON;
        }
        if (s->t[s->p] != ',')
            return SCAN_DONE;
        s->p++;
    }
}

static void position(const char *t, size_t off, unsigned *line, unsigned *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for (i = 0; i < off; i++) {
        if (t[i] == '\n') {
            ++*line;
            *col = 1;
        } else if (((unsigned char)t[i] & 0xC0) != 0x80) { /* not a UTF-8 continuation */
            ++*col;
        }
    }
}

int lc_json_where(const struct lc_json_doc *doc, const char *path, int key, unsigned *line,
                  unsigned *col)
{
    struct scan s;
    if (!doc || !doc->text || !path)
        return LC_ERR_ARG;
    memset(&s, 0, sizeof s);
    s.t = doc->text;
    s.len = doc->len;
    s.stop = doc->len;
    s.target = path;
    s.want_key = key;
    s.found = (size_t)-1;
    scan_value(&s, 0);
    if (s.found == (size_t)-1)
        return LC_ERR_NOTFOUND;
    position(doc->text, s.found, line, col);
    return LC_OK;
}

int lc_json_fail(const struct lc_json_doc *doc, int code, const char *at, int at_key,
                 const char *fmt, ...)
{
    unsigned line, col;
    size_t used = 0;
    va_list ap;

    if (!doc->msg || !doc->msg_len)
        return code;
    if (at && lc_json_where(doc, at, at_key, &line, &col) == LC_OK)
        snprintf(doc->msg, doc->msg_len, "%s: line %u, column %u: ", doc->name, line, col);
    else
        snprintf(doc->msg, doc->msg_len, "%s: ", doc->name);
    used = strlen(doc->msg);
    va_start(ap, fmt);
    lc_verrf(doc->msg + used, doc->msg_len - used, code, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- documents ---------------------------------------------------------- */

int lc_json_read_file(const char *path, char **text, size_t *len, char *msg, size_t msg_len)
{
    FILE *f;
    struct stat st;
    char *buf = NULL, *b;
    size_t cap = 0, n = 0;
    int err, fd;

    if (!text || !len)
        return LC_ERR_ARG;
    *text = NULL;
    *len = 0;
    if (!path)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "no file name");
    /* only a regular file: a FIFO or a device (/dev/stdin, /dev/zero, named in a system
     * file) would block or never end; O_NONBLOCK so that opening a FIFO does not wait */
    fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        err = errno;
        return lc_errf(msg, msg_len, err == ENOENT ? LC_ERR_NOTFOUND : LC_ERR_IO, "%s: %s", path,
                       strerror(err));
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return lc_errf(msg, msg_len, LC_ERR_IO, "%s: not a regular file", path);
    }
    f = fdopen(fd, "rb");
    if (!f) {
        err = errno;
        close(fd);
        return lc_errf(msg, msg_len, LC_ERR_IO, "%s: %s", path, strerror(err));
    }
    for (;;) {
        size_t got;
        if (cap - n < 65536 + 1) {
            cap = cap ? cap * 2 : 65536 * 2;
            b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return lc_errf(msg, msg_len, LC_ERR_MEM, "%s: out of memory", path);
            }
            buf = b;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return lc_errf(msg, msg_len, LC_ERR_IO, "%s: read error", path);
    }
    fclose(f);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return LC_OK;
}

void lc_json_close(struct lc_json_doc *doc)
{
    if (!doc)
        return;
    json_decref(doc->root);
    free(doc->text);
    free(doc->name);
    doc->root = NULL;
    doc->text = doc->name = NULL;
    doc->len = 0;
}

/* the first value nested deeper than LC_JSON_MAX_DEPTH: its path into @p path */
static int too_deep(const json_t *v, int depth, char *path, size_t plen)
{
    size_t i, n = strlen(path);
    const char *key;
    json_t *e;

    if (!json_is_object(v) && !json_is_array(v))
        return 0;
    if (depth > LC_JSON_MAX_DEPTH)
        return 1;
    if (json_is_array(v)) {
        json_array_foreach(v, i, e) {
            snprintf(path + n, plen - n, "[%zu]", i);
            if (too_deep(e, depth + 1, path, plen))
                return 1;
        }
    } else {
        json_object_foreach((json_t *)v, key, e) {
            snprintf(path + n, plen - n, n ? ".%s" : "%s", key);
            if (too_deep(e, depth + 1, path, plen))
                return 1;
        }
    }
    path[n] = '\0';
    return 0;
}

/* parse @p buf (malloc'd, NUL at @p len, owned by @p doc from here on) */
static int parse_owned(struct lc_json_doc *doc, const char *name, char *buf, size_t len,
                       char *msg, size_t msg_len)
{
    json_error_t err;
    char path[PATH_MAX_LEN] = "";

    memset(doc, 0, sizeof *doc);
    doc->msg = msg;
    doc->msg_len = msg_len;
    doc->text = buf;
    /* a UTF-8 byte order mark is allowed (jansson refuses it) */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        len -= 3;
        memmove(buf, buf + 3, len + 1);
    }
    doc->len = len;
    if (!name)
        name = "<text>";
    doc->name = malloc(strlen(name) + 1);
    if (!doc->name) {
        lc_json_close(doc);
        return lc_errf(msg, msg_len, LC_ERR_MEM, "out of memory");
    }
    strcpy(doc->name, name);
    doc->root = json_loadb(doc->text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
    if (!doc->root) {
        /* jansson's message and position, and the path where it stopped */
        struct scan s;
        memset(&s, 0, sizeof s);
        s.t = doc->text;
        s.len = len;
        s.stop = err.position > 0 ? (size_t)err.position : 0;
        scan_value(&s, 0);
        lc_errf(msg, msg_len, LC_ERR_FORMAT, "%s: line %d, column %d: %s%s%s", doc->name,
             err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1, s.path,
             s.plen ? ": " : "", err.text);
        lc_json_close(doc);
        return LC_ERR_FORMAT;
    }
    if (too_deep(doc->root, 1, path, sizeof path)) {
        lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "nesting deeper than %d levels",
                     LC_JSON_MAX_DEPTH);
        lc_json_close(doc);
        return LC_ERR_FORMAT;
    }
    return LC_OK;
}

int lc_json_parse(struct lc_json_doc *doc, const char *name, const char *text, size_t len,
                  char *msg, size_t msg_len)
{
    char *buf;

    if (!doc)
        return LC_ERR_ARG;
    memset(doc, 0, sizeof *doc);
    if (msg && msg_len)
        msg[0] = '\0';
    if (!text)
        return lc_errf(msg, msg_len, LC_ERR_ARG, "no text");
    buf = malloc(len + 1);
    if (!buf)
        return lc_errf(msg, msg_len, LC_ERR_MEM, "out of memory");
    memcpy(buf, text, len);
    buf[len] = '\0';
    return parse_owned(doc, name, buf, len, msg, msg_len);
}

int lc_json_load(struct lc_json_doc *doc, const char *path, char *msg, size_t msg_len)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (!doc)
        return LC_ERR_ARG;
    memset(doc, 0, sizeof *doc);
    if (msg && msg_len)
        msg[0] = '\0';
    rc = lc_json_read_file(path, &text, &len, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    return parse_owned(doc, path, text, len, msg, msg_len);
}

/* ---- typed reads -------------------------------------------------------- */

const char *lc_json_key_path(char *buf, size_t len, const char *path, const char *key)
{
    snprintf(buf, len, *path ? "%s.%s" : "%s%s", path, key);
    return buf;
}

const char *lc_json_kind(const json_t *v)
{
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "a list";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "a number";
    case JSON_REAL: return "a non-integer number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "?";
}

int lc_json_int(const struct lc_json_doc *doc, const json_t *v, const char *path, int64_t lo,
                int64_t hi, int64_t *out)
{
    int64_t x;
    if (json_is_integer(v))
        x = (int64_t)json_integer_value(v);
    else if (json_is_boolean(v))
        x = json_is_true(v);
    else
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected an integer, got %s",
                            path, lc_json_kind(v));
    if (x < lo || x > hi)
        return lc_json_fail(doc, LC_ERR_RANGE, path, 0, "%s = %lld out of range %lld..%lld",
                            path, (long long)x, (long long)lo, (long long)hi);
    *out = x;
    return LC_OK;
}

int lc_json_int_list(const struct lc_json_doc *doc, const json_t *arr, const char *path,
                     size_t count, int64_t lo, int64_t hi, int64_t *dst)
{
    char epath[PATH_MAX_LEN];
    size_t i;
    int rc;

    if (!json_is_array(arr))
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected a list, got %s", path,
                            lc_json_kind(arr));
    if (json_array_size(arr) != count)
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected %zu values, got %zu",
                            path, count, json_array_size(arr));
    for (i = 0; i < count; i++) {
        const json_t *e = json_array_get(arr, i);
        if (json_is_integer(e) && json_integer_value(e) >= lo && json_integer_value(e) <= hi) {
            dst[i] = (int64_t)json_integer_value(e); /* the common case, without a path */
            continue;
        }
        snprintf(epath, sizeof epath, "%s[%zu]", path, i);
        rc = lc_json_int(doc, e, epath, lo, hi, &dst[i]);
        if (rc != LC_OK)
            return rc;
    }
    return LC_OK;
}

int lc_json_byte_matrix(const struct lc_json_doc *doc, const json_t *arr, const char *path,
                        size_t rows, size_t cols, int64_t lo, int64_t hi, int is_signed,
                        void *dst, int64_t *tmp)
{
    char rpath[PATH_MAX_LEN];
    size_t r, c;
    int rc;

    if (!json_is_array(arr))
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected a list, got %s", path,
                            lc_json_kind(arr));
    if (json_array_size(arr) != rows)
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected %zu rows, got %zu",
                            path, rows, json_array_size(arr));
    for (r = 0; r < rows; r++) {
        snprintf(rpath, sizeof rpath, "%s[%zu]", path, r);
        rc = lc_json_int_list(doc, json_array_get(arr, r), rpath, cols, lo, hi, tmp);
        if (rc != LC_OK)
            return rc;
        for (c = 0; c < cols; c++) {
            if (is_signed)
                ((int8_t *)dst)[r * cols + c] = (int8_t)tmp[c];
            else
                ((uint8_t *)dst)[r * cols + c] = (uint8_t)tmp[c];
        }
    }
    return LC_OK;
}

int lc_json_object(const struct lc_json_doc *doc, const json_t *v, const char *path,
                   const char *const *keys, size_t n_keys)
{
    char kpath[PATH_MAX_LEN];
    const char *key;
    json_t *e;
    size_t k;

    if (!json_is_object(v))
        return lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s: expected an object, got %s",
                            *path ? path : "the document", lc_json_kind(v));
    json_object_foreach((json_t *)v, key, e) {
        for (k = 0; k < n_keys; k++)
            if (strcmp(key, keys[k]) == 0)
                break;
        if (k == n_keys)
            return lc_json_fail(doc, LC_ERR_FORMAT, lc_json_key_path(kpath, sizeof kpath, path, key),
                                1, "%s%sunknown key \"%s\"", path, *path ? ": " : "", key);
    }
    return LC_OK;
}

const json_t *lc_json_need(const struct lc_json_doc *doc, const json_t *obj, const char *path,
                           const char *key)
{
    char kpath[PATH_MAX_LEN];
    const json_t *v = json_object_get(obj, key);
    if (!v)
        lc_json_fail(doc, LC_ERR_FORMAT, path, 0, "%s is missing",
                     lc_json_key_path(kpath, sizeof kpath, path, key));
    return v;
}
