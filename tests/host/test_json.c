/* test_json.c : the JSON reader (jansson), the network file format and its errors
 * Round trips of random networks and of the conformance vectors, then
 * malformed files: every truncation of a real file, wrong types, wrong
 * lengths, duplicate and unknown keys and out-of-range values, each with the
 * expected error code and a message naming the file, line, column and field.
 * Usage: test_json [vector.json]   (a vector for the truncation test)
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200112L /* getpid */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lc_netfile.h"
#include "lc_random.h"
#include "lc_vectors.h"
#include "test_util.h"

static char tmp_path[256];
static const char *vector_path = "../tests/vectors/case01.json";

static int write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    if (fwrite(text, 1, len, f) != len) {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

static int same_net(const struct lc_net *a, const struct lc_net *b)
{
    size_t n = a->n_neurons, m = a->n_inputs;
    return a->n_neurons == b->n_neurons && a->n_inputs == b->n_inputs &&
           memcmp(a->neuron, b->neuron, n * sizeof *a->neuron) == 0 &&
           memcmp(&a->core, &b->core, sizeof a->core) == 0 &&
           memcmp(a->w_in, b->w_in, m * n) == 0 && memcmp(a->w_rec, b->w_rec, n * n) == 0 &&
           memcmp(a->plastic_in, b->plastic_in, m * n) == 0 &&
           memcmp(a->plastic_rec, b->plastic_rec, n * n) == 0;
}

/* load @p text as a network file; returns the error code, msg filled */
static int load_text(const char *text, char *msg, size_t msg_len)
{
    struct lc_net *net = (struct lc_net *)1;
    int rc;
    if (write_file(tmp_path, text, strlen(text)) != 0)
        return 999;
    rc = lc_net_load(tmp_path, &net, msg, msg_len);
    if (rc != LC_OK && net != NULL)
        return 998; /* *out must be NULL on failure */
    lc_net_free(net);
    return rc;
}

static int test_json_roundtrip(void)
{
    uint64_t s;
    for (s = 1; s <= 60; s++) {
        struct lc_net *a = NULL, *b = NULL;
        char msg[200] = "";
        CHECK_EQ(lc_random_net(s, s % 5 == 0 ? 70 : 12, s % 7 == 0 ? 0 : 9, &a), LC_OK);
        CHECK_EQ(lc_net_save(a, tmp_path), LC_OK);
        if (lc_net_load(tmp_path, &b, msg, sizeof msg) != LC_OK) {
            printf("    seed %llu: %s\n", (unsigned long long)s, msg);
            return 1;
        }
        CHECK(same_net(a, b));
        lc_net_free(a);
        lc_net_free(b);
    }
    return 0;
}

static int test_json_roundtrip_vector(void)
{
    struct lc_vector *vec = NULL;
    struct lc_net *b = NULL;
    char msg[200] = "";
    CHECK_EQ(lc_vector_load(vector_path, &vec, msg, sizeof msg), LC_OK);
    CHECK(vec->steps > 0 && vec->n_input_spikes && vec->note[0] != '\0');
    CHECK_EQ(lc_net_save(vec->net, tmp_path), LC_OK);
    CHECK_EQ(lc_net_load(tmp_path, &b, msg, sizeof msg), LC_OK);
    CHECK(same_net(vec->net, b));
    lc_net_free(b);
    lc_vector_free(vec);
    return 0;
}

static int test_json_minimal_file_gets_defaults(void)
{
    const char *text = "{\"n_neurons\": 2, \"n_inputs\": 1,\n"
                       " \"neuron\": {\"du\": [1, 2], \"dv\": [3, 4], \"vth\": [5, 6],\n"
                       "            \"bias\": [-7, 8], \"tref\": [0, 63]},\n"
                       " \"w_in\": [[-128, 127]], \"w_rec\": [[1, 2], [3, 4]],\n"
                       " \"plastic_rec\": [[true, false], [0, 1]], \"learning\": true,\n"
                       " \"core\": {\"dx\": 7}, \"expected\": {\"anything\": [null]}}";
    struct lc_net *net = NULL;
    char msg[200] = "";
    CHECK(write_file(tmp_path, text, strlen(text)) == 0);
    if (lc_net_load(tmp_path, &net, msg, sizeof msg) != LC_OK) {
        printf("    %s\n", msg);
        return 1;
    }
    CHECK_EQ(net->core.w_shift, 6);
    CHECK_EQ(net->core.dx, 7);
    CHECK_EQ(net->core.learning, 1);
    CHECK_EQ(net->neuron[0].bias, -7);
    CHECK_EQ(net->neuron[1].tref, 63);
    CHECK(net->w_in[0] == -128 && net->w_in[1] == 127 && net->w_rec[2] == 3);
    CHECK(net->plastic_rec[0] == 1 && net->plastic_rec[1] == 0 && net->plastic_rec[3] == 1);
    CHECK(net->plastic_in[0] == 0);
    lc_net_free(net);
    return 0;
}

/* every prefix of a real file is an error, never a crash, and the message
 * names the file and the line where the text ends */
static int test_json_truncated(void)
{
    char *text = NULL, msg[200], want[64];
    size_t len = 0, cut, step, lines = 1, counted = 0;
    int rc;
    CHECK_EQ(lc_json_read_file(vector_path, &text, &len, msg, sizeof msg), LC_OK);
    /* a trailing newline may be missing without harm; cut inside the value */
    while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
        len--;
    step = len > 4000 ? 7 : 1;
    for (cut = 0; cut < len; cut += (cut < 300 || len - cut < 300) ? 1 : step) {
        struct lc_json_doc doc;
        for (; counted < cut; counted++)
            lines += text[counted] == '\n';
        rc = lc_json_parse(&doc, "cut.json", text, cut, msg, sizeof msg);
        if (rc != LC_ERR_FORMAT || doc.root != NULL) {
            printf("    prefix of %zu bytes: %d\n", cut, rc);
            free(text);
            return 1;
        }
        snprintf(want, sizeof want, "cut.json: line %zu, column ", lines);
        if (strncmp(msg, want, strlen(want)) != 0) {
            printf("    prefix of %zu bytes: message \"%s\" does not start \"%s\"\n", cut, msg,
                   want);
            free(text);
            return 1;
        }
    }
    free(text);
    return 0;
}

struct bad_case {
    const char *text;
    int code;
    const char *in_msg; /* the message must contain this */
};

static const char *const base_head =
    "{\"n_neurons\": 2, \"n_inputs\": 1,\n"
    " \"neuron\": {\"du\": [1, 2], \"dv\": [3, 4], \"vth\": [5, 6], \"bias\": [7, 8],\n"
    "            \"tref\": [0, 1]},\n";

static int test_json_malformed(void)
{
    static const struct bad_case cases[] = {
        /* syntax (jansson's words, the path where the text stops) */
        {"", LC_ERR_FORMAT, "line 1, column 1: unexpected token near end of file"},
        {"{\"n_neurons\": 2,,}", LC_ERR_FORMAT, "line 1, column 17: string or '}' expected"},
        {"{\"n_neurons\": 2}\n}", LC_ERR_FORMAT, "line 2, column 1: end of file expected"},
        {"{\"n_neurons\": 02}", LC_ERR_FORMAT, "line 1, column 15: n_neurons: invalid token"},
        {"{\"n_neurons\": -}", LC_ERR_FORMAT, "line 1, column 15: n_neurons: invalid token"},
        {"{\"a\": \"\\x\"}", LC_ERR_FORMAT, "line 1, column 9: a: invalid escape"},
        {"{\"a\": \"\\ud800\"}", LC_ERR_FORMAT, "a: invalid Unicode '\\uD800'"},
        {"{\"a\": \"abc\n\"}", LC_ERR_FORMAT, "line 1, column 10: a: unexpected newline"},
        {"{\"a\": tru}", LC_ERR_FORMAT, "line 1, column 9: a: invalid token near 'tru'"},
        {"{\"a\" 1}", LC_ERR_FORMAT, "line 1, column 6: a: ':' expected"},
        {"{\n\n\"a\": [1 2]}", LC_ERR_FORMAT, "line 3, column 9: a: ']' expected near '2'"},
        {"{'a': 1}", LC_ERR_FORMAT, "line 1, column 2: string or '}' expected"},
        {"{\"w_in\": [[1, 2], [3, 4]],\n \"w_rec\": [[1, 2], [3,", LC_ERR_FORMAT,
         "line 2, column 22: w_rec[1]: ']' expected near end of file"},
        {"{\"a\": \"\xff\"}", LC_ERR_FORMAT, "line 1, column 7: a: unable to decode byte 0xff"},
        /* the root must be an object */
        {"[1, 2]", LC_ERR_FORMAT, "line 1, column 1: a network must be a JSON object"},
        {"\n 42", LC_ERR_FORMAT, "line 2, column 2: a network must be a JSON object"},
        {"null", LC_ERR_FORMAT, "line 1, column 1: a network must be a JSON object"},
        /* duplicate keys, at any depth */
        {"{\"n_neurons\": 2, \"n_inputs\": 1,\n \"n_neurons\": 3}", LC_ERR_FORMAT,
         "line 2, column 12: n_neurons: duplicate object key near '\"n_neurons\"'"},
        {"{\"neuron\": {\"du\": [1], \"dv\": [2], \"du\": [3]}}", LC_ERR_FORMAT,
         "line 1, column 38: neuron.du: duplicate object key"},
        /* schema: missing, wrong types, wrong lengths, unknown keys */
        {"{\"n_inputs\": 1}", LC_ERR_FORMAT, "line 1, column 1: n_neurons is missing"},
        {"{\"n_neurons\": \"2\", \"n_inputs\": 1}", LC_ERR_FORMAT,
         "line 1, column 15: n_neurons: expected an integer, got a string"},
        {"{\"n_neurons\": 2.5, \"n_inputs\": 1}", LC_ERR_FORMAT,
         "line 1, column 15: n_neurons: expected an integer, got a non-integer number"},
        {"{\"n_neurons\": 0, \"n_inputs\": 1}", LC_ERR_RANGE,
         "line 1, column 15: n_neurons = 0 out of range 1.."},
        {"{\"n_neurons\": 99999999999999999999, \"n_inputs\": 1}", LC_ERR_FORMAT,
         "n_neurons: too big integer"},
        {"{\"n_neurons\": 2, \"n_inputs\": -1}", LC_ERR_RANGE,
         "line 1, column 30: n_inputs = -1 out of range 0.."},
        {"{\"n_neurons\": 2, \"n_\\u0069nputs\": -1}", LC_ERR_RANGE, /* an escaped key */
         "line 1, column 35: n_inputs = -1 out of range 0.."},
        {"{\"n_neurons\": 2, \"n_inputs\": 1}", LC_ERR_FORMAT,
         "line 1, column 1: neuron is missing"},
        {"{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": [1]}", LC_ERR_FORMAT,
         "line 1, column 43: neuron: expected an object, got a list"},
        {"{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"du\": [1, 2]}}", LC_ERR_FORMAT,
         "line 1, column 43: neuron.dv is missing"},
        {"{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"du\": [1]}}", LC_ERR_FORMAT,
         "line 1, column 50: neuron.du: expected 2 values, got 1"},
        {"{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"du\": [1, \"x\"]}}", LC_ERR_FORMAT,
         "line 1, column 54: neuron.du[1]: expected an integer, got a string"},
        {"{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"du\": 5}}", LC_ERR_FORMAT,
         "line 1, column 50: neuron.du: expected a list, got a number"},
        {"{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"dU\": [1, 2]}}", LC_ERR_FORMAT,
         "line 1, column 44: neuron: unknown key \"dU\""},
        {"{\"n_neurons\": 2, \"n_inputs\": 1,\n  \"learnig\": true}", LC_ERR_FORMAT,
         "line 2, column 3: unknown key \"learnig\""},
        {NULL, 0, NULL}, /* the rest use base_head */
    };
    static const struct bad_case tails[] = {
        {"\"w_rec\": [[0,0],[0,0]]}", LC_ERR_FORMAT, "line 1, column 1: w_in is missing"},
        {"\"w_in\": [[0,0]]}", LC_ERR_FORMAT, "line 1, column 1: w_rec is missing"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0]]}", LC_ERR_FORMAT,
         "line 4, column 28: w_rec: expected 2 rows, got 1"},
        {"\"w_in\": [[0,0]], \"w_rec\": [0, 0]}", LC_ERR_FORMAT,
         "line 4, column 29: w_rec[0]: expected a list, got a number"},
        {"\"w_in\": [[0,0,0]], \"w_rec\": [[0,0],[0,0]]}", LC_ERR_FORMAT,
         "line 4, column 11: w_in[0]: expected 2 values, got 3"},
        {"\"w_in\": [[0,{}]], \"w_rec\": [[0,0],[0,0]]}", LC_ERR_FORMAT,
         "line 4, column 14: w_in[0][1]: expected an integer, got an object"},
        {"\"w_in\": [[0,128]], \"w_rec\": [[0,0],[0,0]]}", LC_ERR_RANGE,
         "line 4, column 14: w_in[0][1] = 128 out of range -128..127"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],\n [-129,0]]}", LC_ERR_RANGE,
         "line 5, column 3: w_rec[1][0] = -129 out of range"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"plastic_in\": [[0,2]]}", LC_ERR_RANGE,
         "line 4, column 61: plastic_in[0][1] = 2 out of range 0..1"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"plastic_in\": [[0,\"1\"]]}",
         LC_ERR_FORMAT, "line 4, column 61: plastic_in[0][1]: expected an integer, got a string"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"core\": {\"w_shfit\": 3}}",
         LC_ERR_FORMAT, "line 4, column 52: core: unknown key \"w_shfit\""},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"stdp_in\": {\"a_plus\": 1, \"aminus\": 3}}",
         LC_ERR_FORMAT, "line 4, column 68: stdp_in: unknown key \"aminus\""},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"core\": {\"dx\": null}}", LC_ERR_FORMAT,
         "line 4, column 58: core.dx: expected an integer, got null"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"core\": {\"dx\": 4097}}", LC_ERR_RANGE,
         "line 4, column 58: core.dx = 4097 out of range 0..4096"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"core\": {\"dx\": 5000000000}}",
         LC_ERR_RANGE, "line 4, column 58: core.dx = 5000000000 out of range"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"stdp_in\": {\"s_plus\": 32}}",
         LC_ERR_RANGE, "line 4, column 65: stdp_in.s_plus = 32 out of range 0..31"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"stdp_rec\": {\"w_min\": 3, "
         "\"w_max\": 2}}",
         LC_ERR_RANGE, "line 4, column 65: stdp_rec.w_min = 3 greater than stdp_rec.w_max = 2"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"learning\": 2}", LC_ERR_RANGE,
         "line 4, column 55: learning = 2 out of range 0..1"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"learning\": \"yes\"}", LC_ERR_FORMAT,
         "line 4, column 55: learning: expected an integer, got a string"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"stdp_in\": 1}", LC_ERR_FORMAT,
         "line 4, column 54: stdp_in: expected an object"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]], \"core\": [1]}", LC_ERR_FORMAT,
         "line 4, column 51: core: expected an object, got a list"},
        {"\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]]", LC_ERR_FORMAT,
         "line 4, column 40: '}' expected near end of file"},
        {NULL, 0, NULL},
    };
    char text[1024], msg[256], want[512];
    size_t k;
    int rc;
    for (k = 0; cases[k].text; k++) {
        msg[0] = '\0';
        rc = load_text(cases[k].text, msg, sizeof msg);
        snprintf(want, sizeof want, "%s: %s", tmp_path, cases[k].in_msg);
        if (rc != cases[k].code || !strstr(msg, cases[k].in_msg) ||
            strncmp(msg, tmp_path, strlen(tmp_path)) != 0) {
            printf("    case %zu: got %d \"%s\", expected %d with \"%s\"\n", k, rc, msg,
                   cases[k].code, want);
            return 1;
        }
    }
    for (k = 0; tails[k].text; k++) {
        snprintf(text, sizeof text, "%s %s", base_head, tails[k].text);
        msg[0] = '\0';
        rc = load_text(text, msg, sizeof msg);
        snprintf(want, sizeof want, "%s: %s", tmp_path, tails[k].in_msg);
        if (rc != tails[k].code || !strstr(msg, tails[k].in_msg) ||
            strncmp(msg, tmp_path, strlen(tmp_path)) != 0) {
            printf("    tail case %zu: got %d \"%s\", expected %d with \"%s\"\n", k, rc, msg,
                   tails[k].code, want);
            return 1;
        }
    }
    /* out of range values in the neuron lists are reported by lc_net_validate,
     * at the value in the file (neuron.du[1] for the network's neuron[1].du) */
    snprintf(text, sizeof text, "%s", base_head);
    {
        char *p = strstr(text, "\"du\": [1, 2]");
        memcpy(p, "\"du\": [1,-2]", 12);
    }
    strcat(text, "\"w_in\": [[0,0]], \"w_rec\": [[0,0],[0,0]]}");
    rc = load_text(text, msg, sizeof msg);
    CHECK_EQ(rc, LC_ERR_RANGE);
    snprintf(want, sizeof want, "%s: line 2, column 22: neuron[1].du = -2 out of range 0..4096",
             tmp_path);
    CHECK(strcmp(msg, want) == 0);
    return 0;
}

/* a value deep in a large matrix is found at its own line and column */
static int test_json_position_in_large_file(void)
{
    struct lc_net *a = NULL, *b = (struct lc_net *)1;
    char *text = NULL, *p, msg[256], want[400];
    size_t len = 0, line = 1;
    int rc, r;
    CHECK_EQ(lc_random_net(3, 70, 9, &a), LC_OK);
    CHECK_EQ(lc_net_save(a, tmp_path), LC_OK);
    CHECK_EQ(lc_json_read_file(tmp_path, &text, &len, msg, sizeof msg), LC_OK);
    /* lc_net_save writes one matrix row per line: spoil w_rec[40][0] */
    p = strstr(text, "\"w_rec\": [");
    CHECK(p != NULL);
    for (r = 0; r <= 40; r++)
        p = strchr(p + 1, '\n');
    p += 6; /* "\n    [" */
    CHECK(p[-1] == '[');
    memmove(p + 4, p + strcspn(p, ","), strlen(p + strcspn(p, ",")) + 1);
    memcpy(p, "1000", 4);
    for (r = 0; text + r < p; r++)
        line += text[r] == '\n';
    CHECK(write_file(tmp_path, text, strlen(text)) == 0);
    free(text);
    rc = lc_net_load(tmp_path, &b, msg, sizeof msg);
    CHECK_EQ(rc, LC_ERR_RANGE);
    CHECK(b == NULL);
    snprintf(want, sizeof want,
             "%s: line %zu, column 6: w_rec[40][0] = 1000 out of range -128..127", tmp_path,
             line);
    if (strcmp(msg, want) != 0) {
        printf("    got \"%s\"\n    expected \"%s\"\n", msg, want);
        return 1;
    }
    lc_net_free(a);
    return 0;
}

/* the vector loader is as strict inside "expected" (the network loader skips it) */
static int test_json_vector_errors(void)
{
    struct lc_vector *vec = (struct lc_vector *)1;
    struct lc_net *net = NULL;
    char *text = NULL, *p, msg[256];
    size_t len = 0;
    CHECK_EQ(lc_json_read_file(vector_path, &text, &len, msg, sizeof msg), LC_OK);
    p = strstr(text, "\"x_in\"");
    CHECK(p != NULL);
    memcpy(p, "\"x_In\"", 6);
    CHECK(write_file(tmp_path, text, len) == 0);
    free(text);
    CHECK_EQ(lc_vector_load(tmp_path, &vec, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(vec == NULL);
    CHECK(strncmp(msg, tmp_path, strlen(tmp_path)) == 0 && strstr(msg, ", column ") &&
          strstr(msg, "expected.state: unknown key \"x_In\""));
    CHECK_EQ(lc_net_load(tmp_path, &net, msg, sizeof msg), LC_OK);
    lc_net_free(net);
    return 0;
}

static int test_json_files(void)
{
    struct lc_net *net = (struct lc_net *)1;
    char msg[256];
    CHECK_EQ(lc_net_load("/nonexistent/dir/net.json", &net, msg, sizeof msg), LC_ERR_NOTFOUND);
    CHECK(net == NULL && strstr(msg, "/nonexistent/dir/net.json") != NULL);
    CHECK_EQ(lc_net_load(NULL, &net, msg, sizeof msg), LC_ERR_ARG);
    CHECK_EQ(lc_net_load(tmp_path, NULL, msg, sizeof msg), LC_ERR_ARG);
    /* only regular files: a device, a directory or a FIFO neither blocks nor reads forever */
    {
        static const char *const odd[] = {"/dev/zero", "/dev/null", "/tmp"};
        char fifo[300];
        size_t i;
        for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
            CHECK_EQ(lc_net_load(odd[i], &net, msg, sizeof msg), LC_ERR_IO);
            CHECK(net == NULL && strstr(msg, "not a regular file") != NULL);
        }
        snprintf(fifo, sizeof fifo, "%s.fifo", tmp_path);
        unlink(fifo);
        CHECK(mkfifo(fifo, 0600) == 0);
        CHECK_EQ(lc_net_load(fifo, &net, msg, sizeof msg), LC_ERR_IO); /* no writer: no wait */
        CHECK(strstr(msg, "not a regular file") != NULL);
        unlink(fifo);
    }
    CHECK(lc_net_create(2, 2, &net) == LC_OK);
    CHECK_EQ(lc_net_save(net, "/nonexistent/dir/net.json"), LC_ERR_IO);
    net->neuron[0].tref = 64;
    CHECK_EQ(lc_net_save(net, tmp_path), LC_ERR_RANGE); /* would not load back */
    lc_net_free(net);
    return 0;
}

static int test_json_parser_values(void)
{
    const char *text = "\xEF\xBB\xBF { \"s\": \"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\",\n"
                       "  \"n\": [-0, 1e3, -2.5E-1, 9223372036854775807, -9223372036854775808,"
                       " 2147483648, -2147483648],\n"
                       "  \"e\": [], \"o\": {}, \"t\": [true, false, null, [[]]] }  \n";
    struct lc_json_doc doc;
    const json_t *v;
    char msg[200];
    unsigned line, col;
    int64_t x;
    CHECK_EQ(lc_json_parse(&doc, "values.json", text, strlen(text), msg, sizeof msg), LC_OK);
    v = json_object_get(doc.root, "s");
    CHECK(json_is_string(v));
    CHECK(strcmp(json_string_value(v), "a\"b\\c/\n\xC3\xA9\xF0\x9F\x98\x80") == 0);
    v = json_object_get(doc.root, "n");
    CHECK_EQ(json_array_size(v), 7);
    CHECK(lc_json_int(&doc, json_array_get(v, 0), "n[0]", INT64_MIN, INT64_MAX, &x) == LC_OK &&
          x == 0);
    /* 1e3 is not an integer literal */
    CHECK_EQ(lc_json_int(&doc, json_array_get(v, 1), "n[1]", INT64_MIN, INT64_MAX, &x),
             LC_ERR_FORMAT);
    CHECK(strcmp(msg, "values.json: line 2, column 13: n[1]: expected an integer, got a "
                      "non-integer number") == 0);
    CHECK(json_real_value(json_array_get(v, 2)) == -0.25);
    CHECK(lc_json_int(&doc, json_array_get(v, 3), "n[3]", INT64_MIN, INT64_MAX, &x) == LC_OK &&
          x == INT64_MAX);
    CHECK(lc_json_int(&doc, json_array_get(v, 4), "n[4]", INT64_MIN, INT64_MAX, &x) == LC_OK &&
          x == INT64_MIN);
    CHECK(lc_json_int(&doc, json_array_get(v, 5), "n[5]", INT64_MIN, INT64_MAX, &x) == LC_OK &&
          x == 2147483648LL);
    CHECK(lc_json_int(&doc, json_array_get(v, 6), "n[6]", INT64_MIN, INT64_MAX, &x) == LC_OK &&
          x == -2147483648LL);
    CHECK_EQ(lc_json_int(&doc, json_array_get(v, 7), "n[7]", INT64_MIN, INT64_MAX, &x),
             LC_ERR_FORMAT);
    /* positions: line and column (in characters; the byte order mark is not one) */
    CHECK(lc_json_where(&doc, "n[1]", 0, &line, &col) == LC_OK && line == 2 && col == 13);
    CHECK(lc_json_where(&doc, "n", 1, &line, &col) == LC_OK && line == 2 && col == 3);
    CHECK(lc_json_where(&doc, "", 0, &line, &col) == LC_OK && line == 1 && col == 2);
    CHECK(lc_json_where(&doc, "t[3][0]", 0, &line, &col) == LC_OK && line == 3 && col == 47);
    CHECK(lc_json_where(&doc, "t[4]", 0, &line, &col) == LC_ERR_NOTFOUND);
    CHECK(lc_json_where(&doc, "s.x", 0, &line, &col) == LC_ERR_NOTFOUND);
    CHECK(json_array_size(json_object_get(doc.root, "e")) == 0 &&
          json_object_size(json_object_get(doc.root, "o")) == 0);
    v = json_object_get(doc.root, "t");
    CHECK(json_is_boolean(json_array_get(v, 0)) && json_is_null(json_array_get(v, 2)));
    CHECK(json_object_get(doc.root, "missing") == NULL && json_object_get(v, "s") == NULL);
    lc_json_close(&doc);
    lc_json_close(&doc); /* twice is fine */
    return 0;
}

static int test_json_depth_and_bytes(void)
{
    char deep[400], msg[200];
    struct lc_json_doc doc;
    int k;
    for (k = 0; k < 200; k++)
        deep[k] = '[';
    for (k = 200; k < 400; k++)
        deep[k] = ']';
    CHECK_EQ(lc_json_parse(&doc, "deep.json", deep, 400, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(strstr(msg, "deep.json: line 1, column 65: ") == msg && strstr(msg, "nesting") != NULL);
    CHECK(doc.root == NULL);
    CHECK_EQ(lc_json_parse(&doc, "deep.json", deep + 200 - LC_JSON_MAX_DEPTH,
                           2 * LC_JSON_MAX_DEPTH, msg, sizeof msg),
             LC_OK);
    lc_json_close(&doc);
    CHECK_EQ(lc_json_parse(&doc, "nul.json", "{\"a\":\0}", 7, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK_EQ(lc_json_parse(&doc, "nul.json", "{\"a\":\"x\0\"}", 9, msg, sizeof msg),
             LC_ERR_FORMAT);
    CHECK_EQ(lc_json_parse(&doc, "nul.json", "{}\0", 3, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK_EQ(lc_json_parse(&doc, "ctl.json", "\"\x01\"", 3, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK_EQ(lc_json_parse(&doc, "two.json", "1 2", 3, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(doc.root == NULL && strstr(msg, "two.json: line 1, column 3: ") == msg);
    return 0;
}

static int test_json_garbage_never_crashes(void)
{
    /* random byte mutations of a small valid file: any code, but no crash,
     * success only with a valid network, and a message naming the file */
    const char *good = "{\"n_neurons\": 2, \"n_inputs\": 1, \"neuron\": {\"du\": [1, 2], "
                       "\"dv\": [3, 4], \"vth\": [5, 6], \"bias\": [7, 8], \"tref\": [0, 1]}, "
                       "\"w_in\": [[0, -3]], \"w_rec\": [[1, 0], [0, 2]]}";
    static const char alphabet[] = "{}[],:\"0123456789-.eE truefalsnul\\\n";
    uint64_t s = 12345;
    size_t len = strlen(good);
    char buf[512], msg[200];
    int k, j, rc;
    for (k = 0; k < 3000; k++) {
        struct lc_json_doc doc;
        struct lc_net *net = NULL;
        memcpy(buf, good, len);
        for (j = 0; j < 1 + (int)lc_random_below(&s, 4); j++)
            buf[lc_random_below(&s, len)] =
                alphabet[lc_random_below(&s, sizeof alphabet - 1)];
        msg[0] = '\0';
        rc = lc_json_parse(&doc, "g.json", buf, len, msg, sizeof msg);
        if (rc == LC_OK) {
            rc = lc_net_from_json(&doc, &net);
            if (rc == LC_OK)
                CHECK_EQ(lc_net_validate(net, NULL, 0), LC_OK);
            lc_net_free(net);
            lc_json_close(&doc);
        }
        if (rc != LC_OK && strncmp(msg, "g.json: ", 8) != 0) {
            printf("    mutation %d: \"%s\"\n", k, msg);
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        vector_path = argv[1];
    snprintf(tmp_path, sizeof tmp_path, "/tmp/lc_test_json_%ld.json", (long)getpid());
    RUN(test_json_roundtrip);
    RUN(test_json_roundtrip_vector);
    RUN(test_json_minimal_file_gets_defaults);
    RUN(test_json_truncated);
    RUN(test_json_malformed);
    RUN(test_json_position_in_large_file);
    RUN(test_json_vector_errors);
    RUN(test_json_files);
    RUN(test_json_parser_values);
    RUN(test_json_depth_and_bytes);
    RUN(test_json_garbage_never_crashes);
    remove(tmp_path);
    return tu_summary("json and network files");
}
