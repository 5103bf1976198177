/* test_spikes.c : spike files (docs/formats.md): reading and writing
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lc_spikes.h"
#include "test_util.h"

static char path[256];

static void write_file(const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* read every step into "a b|c||" form for comparison */
static int read_all(uint32_t limit, char *got, size_t cap, char *msg, size_t msg_len)
{
    struct lc_spike_reader *r = NULL;
    uint32_t idx[64];
    size_t count, k;
    int rc = lc_spike_open(path, limit, &r, msg, msg_len);
    got[0] = '\0';
    if (rc != LC_OK)
        return rc;
    while ((rc = lc_spike_next(r, idx, 64, &count, msg, msg_len)) == 1) {
        for (k = 0; k < count; k++)
            snprintf(got + strlen(got), cap - strlen(got), k ? " %u" : "%u", (unsigned)idx[k]);
        snprintf(got + strlen(got), cap - strlen(got), "|");
    }
    lc_spike_close(r);
    return rc;
}

static int test_reads_the_worked_example(void)
{
    char got[256], msg[256];
    write_file("# worked example\n0\n0\n1\n0\n");
    CHECK_EQ(read_all(2, got, sizeof got, msg, sizeof msg), 0);
    CHECK(strcmp(got, "0|0|1|0|") == 0);
    return 0;
}

static int test_blank_lines_comments_tabs_crlf(void)
{
    char got[256], msg[256];
    write_file("\n  \t\n# c\n3\t 1  4\r\n#x\n\r\n2 2 2\n5");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), 0);
    CHECK(strcmp(got, "||3 1 4||2|5|") == 0); /* duplicates are one spike */
    return 0;
}

static int test_trailing_silent_step(void)
{
    char got[256], msg[256];
    write_file("1\n\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), 0);
    CHECK(strcmp(got, "1||") == 0);
    write_file("");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), 0);
    CHECK(strcmp(got, "") == 0);
    return 0;
}

static int test_errors_name_the_line(void)
{
    char got[256], msg[256];
    write_file("1\n2\n# c\n9\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(strstr(msg, ":4: index 9 out of range (limit 8)") != NULL);
    write_file("1 x2\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(strstr(msg, ":1: 'x2' is not a spike index") != NULL);
    write_file("1 \x01\x7f\xff'\\z\n"); /* raw bytes are escaped in the message */
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(strstr(msg, ":1: '\\x01\\x7f\\xff\\'\\\\z' is not a spike index") != NULL);
    write_file("7\x02\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK(strstr(msg, ":1: '7\\x02' is not a spike index") != NULL);
    write_file("1 -2\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    write_file("1 2.5\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    write_file("3 # comment at the end\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    write_file("99999999999999999999999\n");
    CHECK_EQ(read_all(8, got, sizeof got, msg, sizeof msg), LC_ERR_FORMAT);
    CHECK_EQ(lc_spike_open("/nonexistent/x.spk", 8, (struct lc_spike_reader **)(void *)got, msg,
                           sizeof msg),
             LC_ERR_NOTFOUND);
    CHECK(strstr(msg, "/nonexistent/x.spk") != NULL);
    return 0;
}

static int test_write_then_read_back(void)
{
    uint32_t a[3] = {0, 5, 17};
    char got[256], msg[256];
    FILE *f = fopen(path, "w");
    CHECK_EQ(lc_spike_write_step(f, a, 3), LC_OK);
    CHECK_EQ(lc_spike_write_step(f, NULL, 0), LC_OK);
    CHECK_EQ(lc_spike_write_step(f, a + 1, 1), LC_OK);
    CHECK_EQ(lc_spike_write_step(f, NULL, 0), LC_OK);
    fclose(f);
    f = fopen(path, "r");
    CHECK(fread(got, 1, sizeof got, f) == 11);
    fclose(f);
    CHECK(memcmp(got, "0 5 17\n\n5\n\n", 11) == 0);
    CHECK_EQ(read_all(18, got, sizeof got, msg, sizeof msg), 0);
    CHECK(strcmp(got, "0 5 17||5||") == 0);
    return 0;
}

int main(void)
{
    snprintf(path, sizeof path, "/tmp/lc_test_spikes_%d.spk", (int)getpid());
    RUN(test_reads_the_worked_example);
    RUN(test_blank_lines_comments_tabs_crlf);
    RUN(test_trailing_silent_step);
    RUN(test_errors_name_the_line);
    RUN(test_write_then_read_back);
    remove(path);
    return tu_summary("spikes");
}
