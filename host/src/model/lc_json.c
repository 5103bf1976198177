/* lc_json.c : JSON reader, network file format (lc_net_load/lc_net_save) and
 * the conformance-vector loader
 * The network file is the schema of tests/vectors/caseNN.json:
 *   n_neurons, n_inputs                       required integers
 *   neuron {du, dv, vth, bias, tref}          required, lists of n_neurons integers
 *   core {w_shift, v_reset, theta_plus, d_theta, dx, dy, x_imp, y_imp}
 *   learning, stdp_in {a_plus, a_minus, s_plus, s_minus, w_min, w_max}, stdp_rec
 *                                             optional, contract defaults
 *   w_in [n_inputs][n_neurons], w_rec [n_neurons][n_neurons]   required
 *   plastic_in, plastic_rec (same shapes, 0/1 or true/false)     optional, 0
 * Other top-level keys (steps, input_spikes, expected, note, ...) are ignored;
 * unknown keys inside neuron, core and the STDP sets are errors (typos).
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lc_json.h"

/* ---- messages ---------------------------------------------------------- */

static int fail(int code, char *msg, size_t msg_len, const char *fmt, ...)
{
    if (msg && msg_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, msg_len, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* ---- parser ------------------------------------------------------------ */

struct parser {
    const char *p, *end;
    uint32_t line;
    int depth;
    char *msg;
    size_t msg_len;
};

static int syntax(struct parser *ps, const char *fmt, ...)
{
    if (ps->msg && ps->msg_len) {
        char detail[200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
        snprintf(ps->msg, ps->msg_len, "line %u: %s", (unsigned)ps->line, detail);
    }
    return LC_ERR_FORMAT;
}

static int out_of_memory(struct parser *ps)
{
    fail(LC_ERR_MEM, ps->msg, ps->msg_len, "line %u: out of memory", (unsigned)ps->line);
    return LC_ERR_MEM;
}

static void skip_ws(struct parser *ps)
{
    while (ps->p < ps->end) {
        char c = *ps->p;
        if (c == '\n')
            ps->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            break;
        ps->p++;
    }
}

/* grow *buf (elements of @p size) so that it holds at least need elements */
static int grow(void **buf, size_t *cap, size_t need, size_t size)
{
    size_t cap2;
    void *b;
    if (need <= *cap)
        return 0;
    cap2 = *cap ? *cap : 8;
    while (cap2 < need) {
        if (cap2 > ((size_t)-1) / 2 / size)
            return -1;
        cap2 *= 2;
    }
    b = realloc(*buf, cap2 * size);
    if (!b)
        return -1;
    *buf = b;
    *cap = cap2;
    return 0;
}

static void free_node(struct lc_json *v)
{
    size_t i;
    if (!v)
        return;
    if (v->items)
        for (i = 0; i < v->n; i++)
            free_node(&v->items[i]);
    if (v->keys)
        for (i = 0; i < v->n; i++)
            free(v->keys[i]);
    free(v->items);
    free(v->keys);
    free(v->packed);
    free(v->str);
    memset(v, 0, sizeof *v);
}

static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* a string at ps->p (on the opening quote); escapes never make it longer */
static int parse_string(struct parser *ps, char **out)
{
    const char *s = ps->p + 1, *q = s;
    char *buf, *o;

    *out = NULL;
    while (q < ps->end && *q != '"') {
        if ((unsigned char)*q < 0x20)
            return syntax(ps, *q == '\n' ? "unterminated string" : "control character in string");
        if (*q == '\\')
            q++;
        q++;
    }
    if (q >= ps->end)
        return syntax(ps, "unterminated string");
    buf = malloc((size_t)(q - s) + 1);
    if (!buf)
        return out_of_memory(ps);
    o = buf;
    while (s < q) {
        char c = *s++;
        if (c != '\\') {
            *o++ = c;
            continue;
        }
        c = *s++;
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (q - s < 4 || hex4(s, &cp) != 0)
                goto bad_escape;
            s += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (q - s < 6 || s[0] != '\\' || s[1] != 'u' || hex4(s + 2, &lo) != 0 ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    goto bad_escape;
                s += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
                goto bad_escape;
            }
            o += put_utf8(o, cp);
            break;
        }
        default:
            goto bad_escape;
        }
    }
    *o = '\0';
    ps->p = q + 1;
    *out = buf;
    return LC_OK;
bad_escape:
    free(buf);
    return syntax(ps, "invalid escape in string");
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int parse_number(struct parser *ps, struct lc_json *v)
{
    const char *s = ps->p, *q = s;
    int neg = 0, integral = 1, overflow = 0;
    uint64_t mag = 0;
    char small[64], *copy;
    size_t len;

    if (q < ps->end && *q == '-') {
        neg = 1;
        q++;
    }
    if (q >= ps->end || !is_digit(*q))
        return syntax(ps, "invalid number");
    if (*q == '0' && q + 1 < ps->end && is_digit(q[1]))
        return syntax(ps, "invalid number (leading zero)");
    while (q < ps->end && is_digit(*q)) {
        uint32_t d = (uint32_t)(*q - '0');
        if (mag > (UINT64_MAX - d) / 10)
            overflow = 1;
        else
            mag = mag * 10 + d;
        q++;
    }
    if (q < ps->end && *q == '.') {
        integral = 0;
        q++;
        if (q >= ps->end || !is_digit(*q))
            return syntax(ps, "invalid number");
        while (q < ps->end && is_digit(*q))
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        integral = 0;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || !is_digit(*q))
            return syntax(ps, "invalid number");
        while (q < ps->end && is_digit(*q))
            q++;
    }
    v->type = LC_JSON_NUMBER;
    if (integral && !overflow && mag <= (uint64_t)INT64_MAX + (uint64_t)neg) {
        v->is_int = 1;
        v->ival = neg ? (int64_t)(0 - mag) : (int64_t)mag;
        v->dval = (double)v->ival;
    } else {
        len = (size_t)(q - s);
        copy = len < sizeof small ? small : malloc(len + 1);
        if (!copy)
            return out_of_memory(ps);
        memcpy(copy, s, len);
        copy[len] = '\0';
        v->dval = strtod(copy, NULL);
        if (copy != small)
            free(copy);
    }
    ps->p = q;
    return LC_OK;
}

static int parse_value(struct parser *ps, struct lc_json *v);

static int parse_array(struct parser *ps, struct lc_json *v)
{
    size_t cap_items = 0, cap_packed = 0, i;
    int rc;

    v->type = LC_JSON_ARRAY;
    ps->p++; /* '[' */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        return LC_OK;
    }
    for (;;) {
        struct lc_json e;
        memset(&e, 0, sizeof e);
        rc = parse_value(ps, &e);
        if (rc != LC_OK) {
            free_node(&e);
            return rc;
        }
        if (!v->items && e.type == LC_JSON_NUMBER && e.is_int && e.ival >= INT32_MIN &&
            e.ival <= INT32_MAX) {
            if (grow((void **)&v->packed, &cap_packed, v->n + 1, sizeof *v->packed) != 0)
                return out_of_memory(ps);
            v->packed[v->n++] = (int32_t)e.ival;
        } else {
            if (!v->items && v->packed) {
                /* leave packed mode: turn the integers read so far into nodes */
                if (grow((void **)&v->items, &cap_items, v->n + 1, sizeof *v->items) != 0) {
                    free_node(&e);
                    return out_of_memory(ps);
                }
                for (i = 0; i < v->n; i++) {
                    memset(&v->items[i], 0, sizeof v->items[i]);
                    v->items[i].type = LC_JSON_NUMBER;
                    v->items[i].line = v->line;
                    v->items[i].is_int = 1;
                    v->items[i].ival = v->packed[i];
                    v->items[i].dval = v->packed[i];
                }
                free(v->packed);
                v->packed = NULL;
            }
            if (grow((void **)&v->items, &cap_items, v->n + 1, sizeof *v->items) != 0) {
                free_node(&e);
                return out_of_memory(ps);
            }
            v->items[v->n++] = e;
        }
        skip_ws(ps);
        if (ps->p >= ps->end)
            return syntax(ps, "unexpected end of file in array (missing ']')");
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == ']') {
            ps->p++;
            return LC_OK;
        }
        return syntax(ps, "expected ',' or ']' in array, found '%c'", *ps->p);
    }
}

static int parse_object(struct parser *ps, struct lc_json *v)
{
    size_t cap_items = 0, cap_keys = 0;
    int rc;

    v->type = LC_JSON_OBJECT;
    ps->p++; /* '{' */
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return LC_OK;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(ps);
        if (ps->p >= ps->end)
            return syntax(ps, "unexpected end of file in object (missing '}')");
        if (*ps->p != '"')
            return syntax(ps, "expected a key string in object, found '%c'", *ps->p);
        rc = parse_string(ps, &key);
        if (rc != LC_OK)
            return rc;
        if (grow((void **)&v->keys, &cap_keys, v->n + 1, sizeof *v->keys) != 0 ||
            grow((void **)&v->items, &cap_items, v->n + 1, sizeof *v->items) != 0) {
            free(key);
            return out_of_memory(ps);
        }
        /* the pair is owned by v from here on, so that errors free it */
        v->keys[v->n] = key;
        memset(&v->items[v->n], 0, sizeof v->items[v->n]);
        v->n++;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':')
            return syntax(ps, "expected ':' after key \"%s\"", key);
        ps->p++;
        rc = parse_value(ps, &v->items[v->n - 1]);
        if (rc != LC_OK)
            return rc;
        skip_ws(ps);
        if (ps->p >= ps->end)
            return syntax(ps, "unexpected end of file in object (missing '}')");
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == '}') {
            ps->p++;
            return LC_OK;
        }
        return syntax(ps, "expected ',' or '}' in object, found '%c'", *ps->p);
    }
}

static int literal(struct parser *ps, const char *word)
{
    size_t len = strlen(word);
    if ((size_t)(ps->end - ps->p) < len || memcmp(ps->p, word, len) != 0)
        return -1;
    ps->p += len;
    return 0;
}

static int parse_value(struct parser *ps, struct lc_json *v)
{
    int rc;
    char c;

    skip_ws(ps);
    v->line = ps->line;
    if (ps->p >= ps->end)
        return syntax(ps, "unexpected end of file (value expected)");
    c = *ps->p;
    switch (c) {
    case '{':
    case '[':
        if (ps->depth >= LC_JSON_MAX_DEPTH)
            return syntax(ps, "nesting deeper than %d", LC_JSON_MAX_DEPTH);
        ps->depth++;
        rc = c == '{' ? parse_object(ps, v) : parse_array(ps, v);
        ps->depth--;
        return rc;
    case '"':
        v->type = LC_JSON_STRING;
        return parse_string(ps, &v->str);
    case 't':
    case 'f':
        if (literal(ps, c == 't' ? "true" : "false") != 0)
            return syntax(ps, "invalid literal");
        v->type = LC_JSON_BOOL;
        v->ival = c == 't';
        return LC_OK;
    case 'n':
        if (literal(ps, "null") != 0)
            return syntax(ps, "invalid literal");
        v->type = LC_JSON_NULL;
        return LC_OK;
    default:
        if (c == '-' || is_digit(c))
            return parse_number(ps, v);
        if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7F)
            return syntax(ps, "unexpected character '%c'", c);
        return syntax(ps, "unexpected byte 0x%02x", (unsigned)(unsigned char)c);
    }
}

int lc_json_parse(const char *text, size_t len, struct lc_json **out, char *msg,
                  size_t msg_len)
{
    struct parser ps;
    struct lc_json *root;
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (!text)
        return fail(LC_ERR_ARG, msg, msg_len, "no text");
    ps.p = text;
    ps.end = text + len;
    ps.line = 1;
    ps.depth = 0;
    ps.msg = msg;
    ps.msg_len = msg_len;
    /* a UTF-8 byte order mark is allowed */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.p += 3;
    root = calloc(1, sizeof *root);
    if (!root)
        return fail(LC_ERR_MEM, msg, msg_len, "out of memory");
    rc = parse_value(&ps, root);
    if (rc == LC_OK) {
        skip_ws(&ps);
        if (ps.p < ps.end)
            rc = syntax(&ps, "unexpected data after the end of the JSON value");
    }
    if (rc != LC_OK) {
        lc_json_free(root);
        return rc;
    }
    *out = root;
    return LC_OK;
}

void lc_json_free(struct lc_json *root)
{
    if (!root)
        return;
    free_node(root);
    free(root);
}

int lc_json_read_file(const char *path, char **text, size_t *len, char *msg, size_t msg_len)
{
    FILE *f;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int err;

    if (!text || !len)
        return LC_ERR_ARG;
    *text = NULL;
    *len = 0;
    if (!path)
        return fail(LC_ERR_ARG, msg, msg_len, "no file name");
    f = fopen(path, "rb");
    if (!f) {
        err = errno;
        return fail(err == ENOENT ? LC_ERR_NOTFOUND : LC_ERR_IO, msg, msg_len, "%s: %s", path,
                    strerror(err));
    }
    for (;;) {
        size_t got;
        if (grow((void **)&buf, &cap, n + 65536 + 1, 1) != 0) {
            free(buf);
            fclose(f);
            return fail(LC_ERR_MEM, msg, msg_len, "%s: out of memory", path);
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return fail(LC_ERR_IO, msg, msg_len, "%s: read error", path);
    }
    fclose(f);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return LC_OK;
}

/* ---- accessors --------------------------------------------------------- */

const struct lc_json *lc_json_get(const struct lc_json *obj, const char *key)
{
    size_t i;
    if (!obj || obj->type != LC_JSON_OBJECT || !key)
        return NULL;
    for (i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}

size_t lc_json_len(const struct lc_json *arr)
{
    return arr && arr->type == LC_JSON_ARRAY ? arr->n : 0;
}

const struct lc_json *lc_json_at(const struct lc_json *arr, size_t idx)
{
    if (!arr || arr->type != LC_JSON_ARRAY || idx >= arr->n || !arr->items)
        return NULL;
    return &arr->items[idx];
}

int lc_json_int_at(const struct lc_json *arr, size_t idx, int64_t *value)
{
    const struct lc_json *e;
    if (!arr || arr->type != LC_JSON_ARRAY || idx >= arr->n)
        return LC_ERR_FORMAT;
    if (!arr->items) {
        *value = arr->packed[idx];
        return LC_OK;
    }
    e = &arr->items[idx];
    if ((e->type == LC_JSON_NUMBER && e->is_int) || e->type == LC_JSON_BOOL) {
        *value = e->ival;
        return LC_OK;
    }
    return LC_ERR_FORMAT;
}

const char *lc_json_type_name(enum lc_json_type type)
{
    switch (type) {
    case LC_JSON_NULL: return "null";
    case LC_JSON_BOOL: return "a boolean";
    case LC_JSON_NUMBER: return "a number";
    case LC_JSON_STRING: return "a string";
    case LC_JSON_ARRAY: return "a list";
    case LC_JSON_OBJECT: return "an object";
    }
    return "?";
}

/* what an element is, for "expected an integer, got ..." */
static const char *kind_of(const struct lc_json *v)
{
    if (v->type == LC_JSON_NUMBER && !v->is_int)
        return "a non-integer number";
    return lc_json_type_name(v->type);
}

/* ---- schema helpers ---------------------------------------------------- */

struct ctx {
    char *msg;
    size_t msg_len;
};

/* integer value of a node (booleans count as 0/1) */
static int node_int(struct ctx *cx, const struct lc_json *v, const char *path, int64_t *out)
{
    if ((v->type == LC_JSON_NUMBER && v->is_int) || v->type == LC_JSON_BOOL) {
        *out = v->ival;
        return LC_OK;
    }
    return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s: expected an integer, got %s",
                (unsigned)v->line, path, kind_of(v));
}

/* an integer that must fit in int32 (the contract's range is checked later) */
static int node_int32(struct ctx *cx, const struct lc_json *v, const char *path, int32_t *out)
{
    int64_t x = 0;
    int rc = node_int(cx, v, path, &x);
    if (rc != LC_OK)
        return rc;
    if (x < INT32_MIN || x > INT32_MAX)
        return fail(LC_ERR_RANGE, cx->msg, cx->msg_len, "line %u: %s = %lld out of range",
                    (unsigned)v->line, path, (long long)x);
    *out = (int32_t)x;
    return LC_OK;
}

/* a list of exactly @p count integers, each within lo..hi, into int64 callback-free buffer */
static int int_list(struct ctx *cx, const struct lc_json *arr, const char *path, size_t count,
                    int64_t lo, int64_t hi, int64_t *dst)
{
    size_t i;
    if (arr->type != LC_JSON_ARRAY)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s: expected a list, got %s",
                    (unsigned)arr->line, path, kind_of(arr));
    if (arr->n != count)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                    "line %u: %s: expected %zu values, got %zu", (unsigned)arr->line, path, count,
                    arr->n);
    for (i = 0; i < count; i++) {
        int64_t x;
        if (lc_json_int_at(arr, i, &x) != LC_OK)
            return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                        "line %u: %s[%zu]: expected an integer, got %s",
                        (unsigned)arr->items[i].line, path, i, kind_of(&arr->items[i]));
        if (x < lo || x > hi)
            return fail(LC_ERR_RANGE, cx->msg, cx->msg_len,
                        "line %u: %s[%zu] = %lld out of range %lld..%lld",
                        (unsigned)(arr->items ? arr->items[i].line : arr->line), path, i,
                        (long long)x, (long long)lo, (long long)hi);
        dst[i] = x;
    }
    return LC_OK;
}

/* per-neuron list into the int32 field at byte offset @p off of each entry */
static int neuron_list(struct ctx *cx, const struct lc_json *obj, const char *key,
                       struct lc_net *net, size_t off, int64_t *tmp)
{
    const struct lc_json *arr = lc_json_get(obj, key);
    char path[64];
    uint32_t i;
    int rc;

    snprintf(path, sizeof path, "neuron.%s", key);
    if (!arr)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s is missing",
                    (unsigned)obj->line, path);
    rc = int_list(cx, arr, path, net->n_neurons, INT32_MIN, INT32_MAX, tmp);
    if (rc != LC_OK)
        return rc;
    for (i = 0; i < net->n_neurons; i++)
        *(int32_t *)((char *)&net->neuron[i] + off) = (int32_t)tmp[i];
    return LC_OK;
}

/* a matrix of rows x cols integers within lo..hi, stored as bytes */
static int byte_matrix(struct ctx *cx, const struct lc_json *arr, const char *path, size_t rows,
                       size_t cols, int64_t lo, int64_t hi, int is_signed, void *dst,
                       int64_t *tmp)
{
    size_t r, c;
    char rowpath[64];
    int rc;

    if (arr->type != LC_JSON_ARRAY)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s: expected a list, got %s",
                    (unsigned)arr->line, path, kind_of(arr));
    if (arr->n != rows)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                    "line %u: %s: expected %zu rows, got %zu", (unsigned)arr->line, path, rows,
                    arr->n);
    for (r = 0; r < rows; r++) {
        const struct lc_json *row = lc_json_at(arr, r);
        snprintf(rowpath, sizeof rowpath, "%s[%zu]", path, r);
        if (!row) /* a packed list of integers where rows were expected */
            return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                        "line %u: %s: expected a list, got a number", (unsigned)arr->line,
                        rowpath);
        rc = int_list(cx, row, rowpath, cols, lo, hi, tmp);
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

struct field {
    const char *key;
    size_t off;
};

/* an object of optional int32 fields; unknown keys are errors */
static int fields(struct ctx *cx, const struct lc_json *obj, const char *path,
                  const struct field *f, size_t nf, void *base)
{
    size_t i, k;
    char fpath[64];
    int rc;

    if (obj->type != LC_JSON_OBJECT)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                    "line %u: %s: expected an object, got %s", (unsigned)obj->line, path,
                    kind_of(obj));
    for (i = 0; i < obj->n; i++) {
        for (k = 0; k < nf; k++)
            if (strcmp(obj->keys[i], f[k].key) == 0)
                break;
        if (k == nf)
            return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s: unknown key \"%s\"",
                        (unsigned)obj->items[i].line, path, obj->keys[i]);
        snprintf(fpath, sizeof fpath, "%s.%s", path, f[k].key);
        rc = node_int32(cx, &obj->items[i], fpath, (int32_t *)((char *)base + f[k].off));
        if (rc != LC_OK)
            return rc;
    }
    return LC_OK;
}

static const struct field core_fields[] = {
    {"w_shift", offsetof(struct lc_core_params, w_shift)},
    {"v_reset", offsetof(struct lc_core_params, v_reset)},
    {"theta_plus", offsetof(struct lc_core_params, theta_plus)},
    {"d_theta", offsetof(struct lc_core_params, d_theta)},
    {"dx", offsetof(struct lc_core_params, dx)},
    {"dy", offsetof(struct lc_core_params, dy)},
    {"x_imp", offsetof(struct lc_core_params, x_imp)},
    {"y_imp", offsetof(struct lc_core_params, y_imp)},
};

static const struct field stdp_fields[] = {
    {"a_plus", offsetof(struct lc_stdp, a_plus)},
    {"a_minus", offsetof(struct lc_stdp, a_minus)},
    {"s_plus", offsetof(struct lc_stdp, s_plus)},
    {"s_minus", offsetof(struct lc_stdp, s_minus)},
    {"w_min", offsetof(struct lc_stdp, w_min)},
    {"w_max", offsetof(struct lc_stdp, w_max)},
};

static const char *const neuron_keys[] = {"du", "dv", "vth", "bias", "tref"};
static const size_t neuron_offs[] = {
    offsetof(struct lc_neuron_params, du), offsetof(struct lc_neuron_params, dv),
    offsetof(struct lc_neuron_params, vth), offsetof(struct lc_neuron_params, bias),
    offsetof(struct lc_neuron_params, tref)};

/* a required size field */
static int size_field(struct ctx *cx, const struct lc_json *root, const char *key, int64_t lo,
                      int64_t hi, uint32_t *out)
{
    const struct lc_json *v = lc_json_get(root, key);
    int64_t x = 0;
    int rc;
    if (!v)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s is missing",
                    (unsigned)root->line, key);
    rc = node_int(cx, v, key, &x);
    if (rc != LC_OK)
        return rc;
    if (x < lo || x > hi)
        return fail(LC_ERR_RANGE, cx->msg, cx->msg_len, "line %u: %s = %lld out of range %lld..%lld",
                    (unsigned)v->line, key, (long long)x, (long long)lo, (long long)hi);
    *out = (uint32_t)x;
    return LC_OK;
}

static int net_body(struct ctx *cx, const struct lc_json *root, struct lc_net *net, int64_t *tmp)
{
    const struct lc_json *v, *neuron;
    const size_t n = net->n_neurons, m = net->n_inputs;
    size_t k;
    int rc;

    neuron = lc_json_get(root, "neuron");
    if (!neuron)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: neuron is missing",
                    (unsigned)root->line);
    if (neuron->type != LC_JSON_OBJECT)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                    "line %u: neuron: expected an object, got %s", (unsigned)neuron->line,
                    kind_of(neuron));
    for (k = 0; k < neuron->n; k++) {
        size_t f;
        for (f = 0; f < 5; f++)
            if (strcmp(neuron->keys[k], neuron_keys[f]) == 0)
                break;
        if (f == 5)
            return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                        "line %u: neuron: unknown key \"%s\"", (unsigned)neuron->items[k].line,
                        neuron->keys[k]);
    }
    for (k = 0; k < 5; k++) {
        rc = neuron_list(cx, neuron, neuron_keys[k], net, neuron_offs[k], tmp);
        if (rc != LC_OK)
            return rc;
    }
    if ((v = lc_json_get(root, "core")) != NULL) {
        rc = fields(cx, v, "core", core_fields, sizeof core_fields / sizeof core_fields[0],
                    &net->core);
        if (rc != LC_OK)
            return rc;
    }
    if ((v = lc_json_get(root, "learning")) != NULL) {
        rc = node_int32(cx, v, "learning", &net->core.learning);
        if (rc != LC_OK)
            return rc;
    }
    if ((v = lc_json_get(root, "stdp_in")) != NULL) {
        rc = fields(cx, v, "stdp_in", stdp_fields, 6, &net->core.stdp_in);
        if (rc != LC_OK)
            return rc;
    }
    if ((v = lc_json_get(root, "stdp_rec")) != NULL) {
        rc = fields(cx, v, "stdp_rec", stdp_fields, 6, &net->core.stdp_rec);
        if (rc != LC_OK)
            return rc;
    }
    if (!(v = lc_json_get(root, "w_in")))
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: w_in is missing",
                    (unsigned)root->line);
    rc = byte_matrix(cx, v, "w_in", m, n, -128, 127, 1, net->w_in, tmp);
    if (rc != LC_OK)
        return rc;
    if (!(v = lc_json_get(root, "w_rec")))
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: w_rec is missing",
                    (unsigned)root->line);
    rc = byte_matrix(cx, v, "w_rec", n, n, -128, 127, 1, net->w_rec, tmp);
    if (rc != LC_OK)
        return rc;
    if ((v = lc_json_get(root, "plastic_in")) != NULL) {
        rc = byte_matrix(cx, v, "plastic_in", m, n, 0, 1, 0, net->plastic_in, tmp);
        if (rc != LC_OK)
            return rc;
    }
    if ((v = lc_json_get(root, "plastic_rec")) != NULL) {
        rc = byte_matrix(cx, v, "plastic_rec", n, n, 0, 1, 0, net->plastic_rec, tmp);
        if (rc != LC_OK)
            return rc;
    }
    return lc_net_validate(net, cx->msg, cx->msg_len);
}

int lc_net_from_json(const struct lc_json *root, struct lc_net **out, char *msg, size_t msg_len)
{
    struct ctx cx;
    struct lc_net *net = NULL;
    uint32_t n, m;
    int64_t *tmp;
    int rc;

    cx.msg = msg;
    cx.msg_len = msg_len;
    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    if (!root)
        return fail(LC_ERR_ARG, msg, msg_len, "no document");
    if (root->type != LC_JSON_OBJECT)
        return fail(LC_ERR_FORMAT, msg, msg_len, "line %u: a network must be a JSON object",
                    (unsigned)root->line);
    rc = size_field(&cx, root, "n_neurons", 1, LC_NET_MAX_NEURONS, &n);
    if (rc != LC_OK)
        return rc;
    rc = size_field(&cx, root, "n_inputs", 0, LC_NET_MAX_INPUTS, &m);
    if (rc != LC_OK)
        return rc;
    rc = lc_net_create(n, m, &net);
    if (rc != LC_OK)
        return fail(rc, msg, msg_len, "%s", lc_strerror(rc));
    tmp = malloc(sizeof *tmp * (n > m ? n : m));
    if (!tmp) {
        lc_net_free(net);
        return fail(LC_ERR_MEM, msg, msg_len, "out of memory");
    }
    rc = net_body(&cx, root, net, tmp);
    free(tmp);
    if (rc != LC_OK) {
        lc_net_free(net);
        return rc;
    }
    *out = net;
    return LC_OK;
}

LC_API int lc_net_load(const char *path, struct lc_net **out, char *msg, size_t msg_len)
{
    struct lc_json *root = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (msg && msg_len)
        msg[0] = '\0';
    if (!out)
        return fail(LC_ERR_ARG, msg, msg_len, "no output pointer");
    *out = NULL;
    rc = lc_json_read_file(path, &text, &len, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    rc = lc_json_parse(text, len, &root, msg, msg_len);
    free(text);
    if (rc != LC_OK)
        return rc;
    rc = lc_net_from_json(root, out, msg, msg_len);
    lc_json_free(root);
    return rc;
}

/* ---- writer ------------------------------------------------------------ */

static void write_i32_list(FILE *f, const struct lc_neuron_params *p, size_t n, size_t off)
{
    size_t i;
    fputc('[', f);
    for (i = 0; i < n; i++)
        fprintf(f, i ? ",%ld" : "%ld", (long)*(const int32_t *)((const char *)&p[i] + off));
    fputc(']', f);
}

static void write_matrix(FILE *f, const char *key, const void *data, size_t rows, size_t cols,
                         int is_signed, int last)
{
    size_t r, c;
    fprintf(f, "  \"%s\": [", key);
    for (r = 0; r < rows; r++) {
        fputs(r ? ",\n    [" : "\n    [", f);
        for (c = 0; c < cols; c++) {
            int x = is_signed ? ((const int8_t *)data)[r * cols + c]
                              : ((const uint8_t *)data)[r * cols + c];
            fprintf(f, c ? ",%d" : "%d", x);
        }
        fputc(']', f);
    }
    fputs(rows ? "\n  ]" : "]", f);
    fputs(last ? "\n" : ",\n", f);
}

static void write_stdp(FILE *f, const char *key, const struct lc_stdp *s)
{
    fprintf(f,
            "  \"%s\": {\"a_plus\": %ld, \"a_minus\": %ld, \"s_plus\": %ld, \"s_minus\": %ld, "
            "\"w_min\": %ld, \"w_max\": %ld},\n",
            key, (long)s->a_plus, (long)s->a_minus, (long)s->s_plus, (long)s->s_minus,
            (long)s->w_min, (long)s->w_max);
}

LC_API int lc_net_save(const struct lc_net *net, const char *path)
{
    const struct lc_core_params *c;
    size_t n, m, k;
    FILE *f;
    int rc;

    if (!net || !path)
        return LC_ERR_ARG;
    rc = lc_net_validate(net, NULL, 0);
    if (rc != LC_OK)
        return rc;
    f = fopen(path, "wb");
    if (!f)
        return LC_ERR_IO;
    n = net->n_neurons;
    m = net->n_inputs;
    c = &net->core;
    fprintf(f, "{\n  \"n_neurons\": %zu,\n  \"n_inputs\": %zu,\n  \"neuron\": {\n", n, m);
    for (k = 0; k < 5; k++) {
        fprintf(f, "    \"%s\": ", neuron_keys[k]);
        write_i32_list(f, net->neuron, n, neuron_offs[k]);
        fputs(k < 4 ? ",\n" : "\n  },\n", f);
    }
    fprintf(f,
            "  \"core\": {\"w_shift\": %ld, \"v_reset\": %ld, \"theta_plus\": %ld, "
            "\"d_theta\": %ld, \"dx\": %ld, \"dy\": %ld, \"x_imp\": %ld, \"y_imp\": %ld},\n",
            (long)c->w_shift, (long)c->v_reset, (long)c->theta_plus, (long)c->d_theta,
            (long)c->dx, (long)c->dy, (long)c->x_imp, (long)c->y_imp);
    fprintf(f, "  \"learning\": %ld,\n", (long)c->learning);
    write_stdp(f, "stdp_in", &c->stdp_in);
    write_stdp(f, "stdp_rec", &c->stdp_rec);
    write_matrix(f, "w_in", net->w_in, m, n, 1, 0);
    write_matrix(f, "w_rec", net->w_rec, n, n, 1, 0);
    write_matrix(f, "plastic_in", net->plastic_in, m, n, 0, 0);
    write_matrix(f, "plastic_rec", net->plastic_rec, n, n, 0, 1);
    fputs("}\n", f);
    rc = ferror(f) ? LC_ERR_IO : LC_OK;
    if (fclose(f) != 0)
        rc = LC_ERR_IO;
    return rc;
}

/* ---- conformance vectors ----------------------------------------------- */

LC_API void lc_vector_free(struct lc_vector *vec)
{
    uint32_t t;
    if (!vec)
        return;
    lc_net_free(vec->net);
    if (vec->input_spikes)
        for (t = 0; t < vec->steps; t++)
            free(vec->input_spikes[t]);
    if (vec->output_spikes)
        for (t = 0; t < vec->steps; t++)
            free(vec->output_spikes[t]);
    free(vec->input_spikes);
    free(vec->n_input_spikes);
    free(vec->output_spikes);
    free(vec->n_output_spikes);
    free(vec->w_in);
    free(vec->w_rec);
    free(vec->state);
    free(vec->x_in);
    free(vec);
}

/* a list of @p steps lists of indices < @p limit */
static int spike_lists(struct ctx *cx, const struct lc_json *arr, const char *path,
                       uint32_t steps, uint32_t limit, uint32_t ***lists, size_t **counts)
{
    uint32_t t;
    size_t i;
    char tpath[64];

    if (!arr)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "%s is missing", path);
    if (arr->type != LC_JSON_ARRAY || arr->n != steps)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                    "line %u: %s: expected a list of %u lists", (unsigned)arr->line, path,
                    (unsigned)steps);
    *lists = calloc(steps ? steps : 1, sizeof **lists);
    *counts = calloc(steps ? steps : 1, sizeof **counts);
    if (!*lists || !*counts)
        return fail(LC_ERR_MEM, cx->msg, cx->msg_len, "out of memory");
    for (t = 0; t < steps; t++) {
        const struct lc_json *row = lc_json_at(arr, t);
        snprintf(tpath, sizeof tpath, "%s[%u]", path, (unsigned)t);
        if (!row || row->type != LC_JSON_ARRAY)
            return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "line %u: %s: expected a list",
                        (unsigned)(row ? row->line : arr->line), tpath);
        (*lists)[t] = malloc(sizeof(uint32_t) * (row->n ? row->n : 1));
        if (!(*lists)[t])
            return fail(LC_ERR_MEM, cx->msg, cx->msg_len, "out of memory");
        for (i = 0; i < row->n; i++) {
            int64_t x;
            if (lc_json_int_at(row, i, &x) != LC_OK)
                return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                            "line %u: %s[%zu]: expected an integer", (unsigned)row->line, tpath,
                            i);
            if (x < 0 || x >= (int64_t)limit)
                return fail(LC_ERR_RANGE, cx->msg, cx->msg_len,
                            "line %u: %s[%zu] = %lld out of range 0..%lld", (unsigned)row->line,
                            tpath, i, (long long)x, (long long)limit - 1);
            (*lists)[t][i] = (uint32_t)x;
        }
        (*counts)[t] = row->n;
    }
    return LC_OK;
}

static int vector_body(struct ctx *cx, const struct lc_json *root, struct lc_vector *vec)
{
    static const char *const state_keys[] = {"u", "v", "r", "theta", "x", "y"};
    static const size_t state_offs[] = {
        offsetof(struct lc_neuron_state, u), offsetof(struct lc_neuron_state, v),
        offsetof(struct lc_neuron_state, r), offsetof(struct lc_neuron_state, theta),
        offsetof(struct lc_neuron_state, x), offsetof(struct lc_neuron_state, y)};
    const struct lc_json *v, *exp, *st;
    const uint32_t n = vec->net->n_neurons, m = vec->net->n_inputs;
    int64_t *tmp;
    char path[64];
    size_t k, i;
    int rc;

    if (!(v = lc_json_get(root, "steps")))
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "steps is missing");
    {
        int64_t s;
        rc = node_int(cx, v, "steps", &s);
        if (rc != LC_OK)
            return rc;
        if (s < 0 || s > 100000000)
            return fail(LC_ERR_RANGE, cx->msg, cx->msg_len, "steps = %lld out of range",
                        (long long)s);
        vec->steps = (uint32_t)s;
    }
    if ((v = lc_json_get(root, "note")) != NULL && v->type == LC_JSON_STRING)
        snprintf(vec->note, sizeof vec->note, "%s", v->str);
    rc = spike_lists(cx, lc_json_get(root, "input_spikes"), "input_spikes", vec->steps, m,
                     &vec->input_spikes, &vec->n_input_spikes);
    if (rc != LC_OK)
        return rc;
    exp = lc_json_get(root, "expected");
    if (!exp || exp->type != LC_JSON_OBJECT)
        return fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "expected: missing or not an object");
    rc = spike_lists(cx, lc_json_get(exp, "output_spikes"), "expected.output_spikes",
                     vec->steps, n, &vec->output_spikes, &vec->n_output_spikes);
    if (rc != LC_OK)
        return rc;
    vec->w_in = malloc((size_t)m * n + 1);
    vec->w_rec = malloc((size_t)n * n + 1);
    vec->state = calloc(n, sizeof *vec->state);
    vec->x_in = calloc((size_t)m + 1, sizeof *vec->x_in);
    tmp = malloc(sizeof *tmp * ((n > m ? n : m) + 1));
    if (!vec->w_in || !vec->w_rec || !vec->state || !vec->x_in || !tmp) {
        free(tmp);
        return fail(LC_ERR_MEM, cx->msg, cx->msg_len, "out of memory");
    }
    rc = LC_ERR_FORMAT;
    if (!(v = lc_json_get(exp, "w_in")))
        fail(rc, cx->msg, cx->msg_len, "expected.w_in is missing");
    else if ((rc = byte_matrix(cx, v, "expected.w_in", m, n, -128, 127, 1, vec->w_in, tmp)) ==
             LC_OK) {
        rc = LC_ERR_FORMAT;
        if (!(v = lc_json_get(exp, "w_rec")))
            fail(rc, cx->msg, cx->msg_len, "expected.w_rec is missing");
        else
            rc = byte_matrix(cx, v, "expected.w_rec", n, n, -128, 127, 1, vec->w_rec, tmp);
    }
    if (rc == LC_OK) {
        st = lc_json_get(exp, "state");
        if (!st || st->type != LC_JSON_OBJECT)
            rc = fail(LC_ERR_FORMAT, cx->msg, cx->msg_len,
                      "expected.state: missing or not an object");
    }
    for (k = 0; rc == LC_OK && k < 6; k++) {
        snprintf(path, sizeof path, "expected.state.%s", state_keys[k]);
        if (!(v = lc_json_get(st, state_keys[k]))) {
            rc = fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "%s is missing", path);
            break;
        }
        rc = int_list(cx, v, path, n, INT32_MIN, INT32_MAX, tmp);
        for (i = 0; rc == LC_OK && i < n; i++)
            *(int32_t *)((char *)&vec->state[i] + state_offs[k]) = (int32_t)tmp[i];
    }
    if (rc == LC_OK) {
        if (!(v = lc_json_get(st, "x_in")))
            rc = fail(LC_ERR_FORMAT, cx->msg, cx->msg_len, "expected.state.x_in is missing");
        else
            rc = int_list(cx, v, "expected.state.x_in", m, INT32_MIN, INT32_MAX, tmp);
        for (i = 0; rc == LC_OK && i < m; i++)
            vec->x_in[i] = (int32_t)tmp[i];
    }
    free(tmp);
    return rc;
}

LC_API int lc_vector_load(const char *path, struct lc_vector **out, char *msg, size_t msg_len)
{
    struct lc_json *root = NULL;
    struct lc_vector *vec;
    struct ctx cx;
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (!out)
        return LC_ERR_ARG;
    *out = NULL;
    cx.msg = msg;
    cx.msg_len = msg_len;
    rc = lc_json_read_file(path, &text, &len, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    rc = lc_json_parse(text, len, &root, msg, msg_len);
    free(text);
    if (rc != LC_OK)
        return rc;
    vec = calloc(1, sizeof *vec);
    if (!vec) {
        lc_json_free(root);
        return fail(LC_ERR_MEM, msg, msg_len, "out of memory");
    }
    rc = lc_net_from_json(root, &vec->net, msg, msg_len);
    if (rc == LC_OK)
        rc = vector_body(&cx, root, vec);
    lc_json_free(root);
    if (rc != LC_OK) {
        lc_vector_free(vec);
        return rc;
    }
    *out = vec;
    return LC_OK;
}
