/* test_cli.c : the lifcore command line, run as a program
 * Usage: test_cli path/to/lifcore tests/vectors/caseNN.json
 * Runs the CLI on the vector (ref, and the emulated board 'emu') and compares
 * the output spike file, the weights and the state it writes with the
 * vector's expected results; checks --help, usage errors (exit 2) and device
 * errors (exit 1, the detail on stderr).
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lc_vectors.h"
#include "lc_spikes.h"
#include "lifcore.h"
#include "test_util.h"

static const char *cli, *vec_path;
static struct lc_vector *vec;
static char dir[128], in_spk[192], out_spk[192], err_txt[192], out_txt[192];

/* run "cli ARGS" with stdout and stderr to files; returns the exit status */
static int sh(const char *args)
{
    char cmd[2048];
    int st;
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", cli, args, out_txt, err_txt);
    st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

static int file_has(const char *path, const char *text)
{
    static char buf[1 << 16];
    FILE *f = fopen(path, "r");
    size_t n;
    if (!f)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (!strstr(buf, text)) {
        printf("    %s lacks \"%s\"; it has:\n%.600s\n", path, text, buf);
        return 0;
    }
    return 1;
}

static int test_help_everywhere(void)
{
    static const char *cmds[] = {"--help", "ports --help", "info --help", "load --help",
                                 "run --help", "read --help", "help"};
    size_t i;
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        CHECK_EQ(sh(cmds[i]), 0);
        CHECK(file_has(out_txt, "usage: lifcore"));
    }
    CHECK_EQ(sh("--version"), 0);
    CHECK(file_has(out_txt, lc_version()));
    return 0;
}

static int test_usage_errors_exit_2(void)
{
    char args[512];
    CHECK_EQ(sh(""), 2);
    CHECK_EQ(sh("frobnicate"), 2);
    CHECK(file_has(err_txt, "unknown command 'frobnicate'"));
    CHECK_EQ(sh("run --bogus"), 2);
    CHECK(file_has(err_txt, "unknown option '--bogus'"));
    CHECK_EQ(sh("run -d ref"), 2);
    CHECK(file_has(err_txt, "run needs NET.json and IN.spk"));
    snprintf(args, sizeof args, "run %s %s --steps x", vec_path, in_spk);
    CHECK_EQ(sh(args), 2);
    snprintf(args, sizeof args, "read %s", vec_path);
    CHECK_EQ(sh(args), 2);
    CHECK(file_has(err_txt, "one of --weights or --state"));
    return 0;
}

static int test_info_on_ref(void)
{
    CHECK_EQ(sh("info -d 'ref?n=8&m=4'"), 0);
    CHECK(file_has(out_txt, "neurons     8"));
    CHECK(file_has(out_txt, "inputs      4"));
    return 0;
}

static int check_output_spikes(void)
{
    struct lc_spike_reader *r = NULL;
    uint32_t idx[4096];
    size_t count, k;
    char msg[256];
    uint32_t t = 0;
    int rc;
    CHECK(lc_spike_open(out_spk, vec->net->n_neurons, &r, msg, sizeof msg) == LC_OK);
    while ((rc = lc_spike_next(r, idx, 4096, &count, msg, sizeof msg)) == 1) {
        if (t >= vec->steps || count != vec->n_output_spikes[t]) {
            printf("    step %u: %zu spikes, expected %zu\n", t, count,
                   t < vec->steps ? vec->n_output_spikes[t] : 0);
            lc_spike_close(r);
            return 1;
        }
        for (k = 0; k < count; k++)
            if (idx[k] != vec->output_spikes[t][k]) {
                printf("    step %u: spike %zu is %u, expected %u\n", t, k, idx[k],
                       vec->output_spikes[t][k]);
                lc_spike_close(r);
                return 1;
            }
        t++;
    }
    lc_spike_close(r);
    CHECK_EQ(rc, 0);
    CHECK_EQ(t, vec->steps);
    return 0;
}

static int test_run_reproduces_the_vector(void)
{
    char args[1024], emu[128];
    snprintf(args, sizeof args, "run -d ref %s %s -o %s", vec_path, in_spk, out_spk);
    CHECK_EQ(sh(args), 0);
    CHECK(file_has(err_txt, "steps "));
    CHECK(file_has(err_txt, "host CPU"));
    CHECK(check_output_spikes() == 0);
    snprintf(emu, sizeof emu, "'emu?n=%u&m=%u&p=3'", vec->net->n_neurons + 5,
             vec->net->n_inputs + 1);
    snprintf(args, sizeof args, "run -d %s %s %s -o %s", emu, vec_path, in_spk, out_spk);
    CHECK_EQ(sh(args), 0);
    CHECK(file_has(err_txt, "link bytes"));
    CHECK(check_output_spikes() == 0);
    /* --steps beyond the file: silent steps follow */
    snprintf(args, sizeof args, "run -q -d ref %s %s --steps %u", vec_path, in_spk,
             vec->steps + 3);
    CHECK_EQ(sh(args), 0);
    return 0;
}

static int test_read_weights_and_state(void)
{
    char args[1024], msg[256], line[256];
    struct lc_net *net = NULL;
    const struct lc_neuron_state *s = &vec->state[0];
    size_t n = vec->net->n_neurons, m = vec->net->n_inputs;
    snprintf(args, sizeof args, "read -d ref %s %s --weights %s/w.json", vec_path, in_spk, dir);
    CHECK_EQ(sh(args), 0);
    snprintf(args, sizeof args, "%s/w.json", dir);
    CHECK(lc_net_load(args, &net, msg, sizeof msg) == LC_OK);
    CHECK(memcmp(net->w_in, vec->w_in, m * n) == 0);
    CHECK(memcmp(net->w_rec, vec->w_rec, n * n) == 0);
    lc_net_free(net);
    snprintf(args, sizeof args, "read -d 'emu?n=%zu&m=%zu' %s %s --state -", n, m ? m : 1,
             vec_path, in_spk);
    CHECK_EQ(sh(args), 0);
    snprintf(line, sizeof line, "\n0 %d %d %d %d %d %d\n", s->u, s->v, s->r, s->theta, s->x,
             s->y);
    CHECK(file_has(out_txt, line));
    return 0;
}

static int test_load_checks_read_back(void)
{
    char args[1024];
    snprintf(args, sizeof args, "load -d 'emu?n=%u&m=%u' %s", vec->net->n_neurons,
             vec->net->n_inputs ? vec->net->n_inputs : 1, vec_path);
    CHECK_EQ(sh(args), 0);
    CHECK(file_has(out_txt, "match"));
    return 0;
}

static int test_device_errors_exit_1(void)
{
    char args[1024], bad[192];
    FILE *f;
    snprintf(args, sizeof args, "run -d serial:/dev/ttyUSB97 %s %s", vec_path, in_spk);
    CHECK_EQ(sh(args), 1);
    CHECK(file_has(err_txt, "/dev/ttyUSB97"));
    snprintf(args, sizeof args, "run -d 'ref?n=2&m=2' %s %s", vec_path, in_spk);
    CHECK_EQ(sh(args), 1);
    CHECK(file_has(err_txt, "does not fit"));
    snprintf(bad, sizeof bad, "%s/bad.spk", dir);
    f = fopen(bad, "w");
    fprintf(f, "0\n\n# c\n0 1 99999\n");
    fclose(f);
    snprintf(args, sizeof args, "run -d ref %s %s", vec_path, bad);
    CHECK_EQ(sh(args), 1);
    CHECK(file_has(err_txt, "bad.spk:4: index 99999 out of range"));
    snprintf(args, sizeof args, "run -d ref %s/missing.json %s", dir, in_spk);
    CHECK_EQ(sh(args), 1);
    CHECK(file_has(err_txt, "missing.json"));
    CHECK_EQ(sh("info -d 'emu?version=9'"), 1);
    CHECK(file_has(err_txt, "version"));
    return 0;
}

static int test_ports(void)
{
    CHECK_EQ(sh("ports"), 0);
    return 0;
}


/* a system file: the worked example of docs/system.md (three relays, routes with
 * delays); spike files in global indices */
#define RELAY "{\"n_neurons\": 1, \"n_inputs\": 1, \"core\": {\"w_shift\": 0}, " \
              "\"neuron\": {\"du\": [4096], \"dv\": [4096], \"vth\": [0], \"bias\": [0], " \
              "\"tref\": [0]}, \"w_in\": [[1]], \"w_rec\": [[0]]}"

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    fputs(text, f);
    return fclose(f) != 0;
}

static int test_system_file(void)
{
    static const char *const want[12] = {"0", "2", "1", "", "0", "2", "1", "", "", "2", "", ""};
    char sys[256], bad[256], spk[256], out[256], wts[256], args[1400], line[64];
    struct lc_system *back = NULL;
    size_t n_routes;
    FILE *f;
    int t;
    snprintf(sys, sizeof sys, "%s/chain.json", dir);
    snprintf(bad, sizeof bad, "%s/bad.json", dir);
    snprintf(spk, sizeof spk, "%s/chain_in.spk", dir);
    snprintf(out, sizeof out, "%s/chain_out.spk", dir);
    snprintf(wts, sizeof wts, "%s/chain_w.json", dir);
    CHECK(write_file(sys, "{\"cores\": [" RELAY ", " RELAY ", " RELAY "],\n"
                          " \"routes\": [[0, 0, 1, 0, 2], [1, 0, 2, 0, 3], [0, 0, 2, 0, 1]]}\n") == 0);
    CHECK(write_file(bad, "{\"cores\": [" RELAY "],\n \"routes\": [[0, 0, 0, 0, 99]]}\n") == 0);
    CHECK(write_file(spk, "0\n\n\n\n0\n") == 0);
    snprintf(args, sizeof args, "load -d ref %s", sys);
    CHECK_EQ(sh(args), 0);
    CHECK(file_has(out_txt, "3 cores, 3 neurons, 3 inputs, 3 routes"));
    CHECK(file_has(out_txt, "weights and plasticity bits match"));
    snprintf(args, sizeof args, "run -d ref %s %s -o %s --steps 12 -q", sys, spk, out);
    CHECK_EQ(sh(args), 0);
    f = fopen(out, "r");
    CHECK(f != NULL);
    for (t = 0; t < 12; t++) {
        CHECK(fgets(line, sizeof line, f) != NULL);
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, want[t]) != 0) {
            printf("    step %d: '%s', expected '%s'\n", t, line, want[t]);
            fclose(f);
            return 1;
        }
    }
    fclose(f);
    snprintf(args, sizeof args, "read -d ref %s %s --steps 12 --state -", sys, spk);
    CHECK_EQ(sh(args), 0);
    CHECK(file_has(out_txt, "# core 2\n# i u v r theta x y\n0 "));
    snprintf(args, sizeof args, "read -d ref %s %s --weights %s", sys, spk, wts);
    CHECK_EQ(sh(args), 0);
    CHECK_EQ(lc_system_load(wts, &back, NULL, 0), LC_OK);
    CHECK_EQ(lc_system_n_cores(back), 3);
    lc_system_routes(back, &n_routes);
    CHECK_EQ(n_routes, 3);
    lc_system_free(back);
    /* a route beyond D, a backend without systems */
    snprintf(args, sizeof args, "load -d 'ref?delay=16' %s", bad);
    CHECK_EQ(sh(args), 1);
    CHECK(file_has(err_txt, "route (0, 0, 0, 0, 99): delay 99 outside 1..16"));
    snprintf(args, sizeof args, "load -d emu %s", sys);
    CHECK_EQ(sh(args), 1);
    CHECK(file_has(err_txt, "not supported by this backend"));
    CHECK_EQ(sh("info -d 'ref?delay=16&cores=4'"), 0);
    CHECK(file_has(out_txt, "cores       4\nmax_delay   16\n"));
    return 0;
}

int main(int argc, char **argv)
{
    char msg[256];
    FILE *f;
    uint32_t t;
    if (argc < 3) {
        printf("usage: test_cli path/to/lifcore vector.json\n");
        tu_failed++;
        return tu_summary("cli");
    }
    cli = argv[1];
    vec_path = argv[2];
    if (lc_vector_load(vec_path, &vec, msg, sizeof msg) != LC_OK) {
        printf("cli: cannot load %s: %s\n", vec_path, msg);
        tu_failed++;
        return tu_summary("cli");
    }
    snprintf(dir, sizeof dir, "/tmp/lc_test_cli_%d", (int)getpid());
    snprintf(msg, sizeof msg, "mkdir -p %s", dir);
    if (system(msg) != 0)
        return 1;
    snprintf(in_spk, sizeof in_spk, "%s/in.spk", dir);
    snprintf(out_spk, sizeof out_spk, "%s/out.spk", dir);
    snprintf(err_txt, sizeof err_txt, "%s/stderr.txt", dir);
    snprintf(out_txt, sizeof out_txt, "%s/stdout.txt", dir);
    f = fopen(in_spk, "w");
    fprintf(f, "# inputs of %s\n", vec_path);
    for (t = 0; t < vec->steps; t++)
        lc_spike_write_step(f, vec->input_spikes[t], vec->n_input_spikes[t]);
    fclose(f);
    RUN(test_help_everywhere);
    RUN(test_usage_errors_exit_2);
    RUN(test_info_on_ref);
    RUN(test_run_reproduces_the_vector);
    RUN(test_read_weights_and_state);
    RUN(test_load_checks_read_back);
    RUN(test_device_errors_exit_1);
    RUN(test_ports);
    RUN(test_system_file);
    lc_vector_free(vec);
    snprintf(msg, sizeof msg, "rm -rf %s", dir);
    if (system(msg) != 0)
        printf("cli: cannot remove %s\n", dir);
    return tu_summary("cli");
}
