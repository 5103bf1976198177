/* lc_json.h : a small JSON reader (internal), the network file format and the
 * conformance-vector loader
 * The reader builds a tree; arrays of integers that fit in 32 bits are stored
 * packed (4 bytes per value) so that large weight matrices stay small. Every
 * node carries the line it starts on, for error messages. Nesting is limited
 * to LC_JSON_MAX_DEPTH. Input must be UTF-8 text; \u escapes are decoded.
 *
 * Errors: LC_ERR_FORMAT with "line L: ..." in msg for malformed text.
 * Ownership: lc_json_parse() returns a tree freed by lc_json_free();
 * lc_vector_load() returns a vector freed by lc_vector_free().
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_JSON_H
#define LC_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "lifcore_model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LC_JSON_MAX_DEPTH 64

enum lc_json_type {
    LC_JSON_NULL,
    LC_JSON_BOOL,
    LC_JSON_NUMBER,
    LC_JSON_STRING,
    LC_JSON_ARRAY,
    LC_JSON_OBJECT
};

/** One JSON value. Read it through the accessors below. */
struct lc_json {
    enum lc_json_type type;
    uint32_t line;         /**< line (1-based) where the value starts */
    int is_int;            /**< NUMBER: written as an integer that fits in int64 */
    int64_t ival;          /**< NUMBER with is_int, BOOL (0/1) */
    double dval;           /**< NUMBER */
    char *str;             /**< STRING (NUL-terminated; no embedded NUL) */
    size_t n;              /**< ARRAY, OBJECT: number of elements */
    struct lc_json *items; /**< ARRAY (unless packed), OBJECT: the values */
    char **keys;           /**< OBJECT: the keys */
    int32_t *packed;       /**< ARRAY of int32 integers, stored packed (items NULL) */
};

/** Parse @p len bytes of JSON text (one value, optional white space around). */
int lc_json_parse(const char *text, size_t len, struct lc_json **out, char *msg,
                  size_t msg_len);
/** Free a tree (NULL is fine). */
void lc_json_free(struct lc_json *root);
/** Read a whole file; *text is NUL-terminated and freed with free(). */
int lc_json_read_file(const char *path, char **text, size_t *len, char *msg, size_t msg_len);

/** Value of @p key in an object, or NULL (also when @p obj is not an object). */
const struct lc_json *lc_json_get(const struct lc_json *obj, const char *key);
/** Number of elements of an array (0 when not an array). */
size_t lc_json_len(const struct lc_json *arr);
/** Array element @p idx as an integer: LC_OK, or LC_ERR_FORMAT when it is not
 *  an integer (booleans count as 0/1) or @p idx is out of bounds. */
int lc_json_int_at(const struct lc_json *arr, size_t idx, int64_t *value);
/** Array element @p idx as a node, or NULL when packed or out of bounds. */
const struct lc_json *lc_json_at(const struct lc_json *arr, size_t idx);
/** Name of a type, for messages. */
const char *lc_json_type_name(enum lc_json_type type);

/** Build a network from a parsed tree (schema of lc_net_load()). */
int lc_net_from_json(const struct lc_json *root, struct lc_net **out, char *msg,
                     size_t msg_len);

/**
 * A conformance vector (tests/vectors/caseNN.json): the network, its inputs
 * and the results the contract gives.
 */
struct lc_vector {
    struct lc_net *net;             /**< the initial network */
    uint32_t steps;
    uint32_t **input_spikes;        /**< per step, the input axons that spike */
    size_t *n_input_spikes;
    uint32_t **output_spikes;       /**< per step, expected output spikes */
    size_t *n_output_spikes;
    int8_t *w_in;                   /**< expected weights after the last step */
    int8_t *w_rec;
    struct lc_neuron_state *state;  /**< expected state after the last step */
    int32_t *x_in;                  /**< expected input traces */
    char note[256];
};

/** Load a conformance vector; msg receives the reason of a failure. */
LC_API int lc_vector_load(const char *path, struct lc_vector **out, char *msg, size_t msg_len);
/** Free a vector (NULL is fine). */
LC_API void lc_vector_free(struct lc_vector *vec);

#ifdef __cplusplus
}
#endif
#endif /* LC_JSON_H */
