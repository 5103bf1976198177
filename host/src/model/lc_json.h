/* lc_json.h : JSON files read with jansson, and what the file schemas share
 * (internal): where a value or key is in the text, typed reads of values, and
 * messages "FILE: line L, column C: PATH: what" (PATH like neuron.du[3]).
 * Errors: LC_ERR_FORMAT (syntax, types, shapes, unknown keys), LC_ERR_RANGE.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_JSON_H
#define LC_JSON_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Deeper nesting is an error (a schema needs four levels). */
#define LC_JSON_MAX_DEPTH 64

/**
 * A parsed document with its text: jansson keeps no positions, so errors find
 * the line and column of a path in the text again.
 */
struct lc_json_doc {
    char *name;    /**< file name, for messages */
    char *text;    /**< the text (a UTF-8 byte order mark removed) */
    size_t len;
    json_t *root;  /**< the value; owned */
    char *msg;     /**< failures are written here (may be NULL) */
    size_t msg_len;
};

/** Read a whole file; *text is NUL-terminated and freed with free(). */
int lc_json_read_file(const char *path, char **text, size_t *len, char *msg, size_t msg_len);
/** Parse @p len bytes named @p name (copied): one value, duplicate keys
 *  rejected, nesting at most LC_JSON_MAX_DEPTH. On failure @p doc is empty. */
int lc_json_parse(struct lc_json_doc *doc, const char *name, const char *text, size_t len,
                  char *msg, size_t msg_len);
/** lc_json_read_file() then lc_json_parse(). */
int lc_json_load(struct lc_json_doc *doc, const char *path, char *msg, size_t msg_len);
/** Free what a document holds (an empty or closed one is fine). */
void lc_json_close(struct lc_json_doc *doc);

/** Line and column (1-based, columns in characters) of the value at @p path
 *  ("" the root), or of its key when @p key; LC_ERR_NOTFOUND if absent. */
int lc_json_where(const struct lc_json_doc *doc, const char *path, int key, unsigned *line,
                  unsigned *col);
/** Write "NAME: line L, column C: " + the formatted text to doc->msg, the
 *  position of @p at (a value, or its key when @p at_key; NULL: none). */
int lc_json_fail(const struct lc_json_doc *doc, int code, const char *at, int at_key,
                 const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/** @p path joined with @p key into @p buf ("a" "b": "a.b"; "" "b": "b"). */
const char *lc_json_key_path(char *buf, size_t len, const char *path, const char *key);
/** What a value is, for "expected ..., got %s" ("a string", "null"...). */
const char *lc_json_kind(const json_t *v);

/* Typed reads. @p path names the value; each failure goes through
 * lc_json_fail() and returns its code. */

/** An integer (true/false count as 1/0) within lo..hi (LC_ERR_RANGE). */
int lc_json_int(const struct lc_json_doc *doc, const json_t *v, const char *path, int64_t lo,
                int64_t hi, int64_t *out);
/** A list of exactly @p count integers within lo..hi. */
int lc_json_int_list(const struct lc_json_doc *doc, const json_t *arr, const char *path,
                     size_t count, int64_t lo, int64_t hi, int64_t *dst);
/** @p rows lists of @p cols integers within lo..hi, stored as int8_t
 *  (@p is_signed) or uint8_t; @p tmp holds @p cols values. */
int lc_json_byte_matrix(const struct lc_json_doc *doc, const json_t *arr, const char *path,
                        size_t rows, size_t cols, int64_t lo, int64_t hi, int is_signed,
                        void *dst, int64_t *tmp);
/** An object whose keys are all among @p keys (else "PATH: unknown key"). */
int lc_json_object(const struct lc_json_doc *doc, const json_t *v, const char *path,
                   const char *const *keys, size_t n_keys);
/** The value of @p key in the object at @p path; NULL with "PATH.KEY is
 *  missing" (LC_ERR_FORMAT) when absent. */
const json_t *lc_json_need(const struct lc_json_doc *doc, const json_t *obj, const char *path,
                           const char *key);

#ifdef __cplusplus
}
#endif
#endif /* LC_JSON_H */
