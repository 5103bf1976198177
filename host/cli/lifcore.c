/* lifcore.c : the lifcore command line, a thin shell over liblifcore
 *   lifcore ports | info | load | run | read     (lifcore COMMAND --help)
 * A process holds a device only while it runs, so 'run' and 'read' take the
 * network file too: they load it, run, and report. Wherever a network file is
 * taken, a system file (docs/formats.md: cores + routes) is taken too; the
 * spike files of a system use global indices (core c's axons and neurons after
 * those of cores 0..c-1). Errors go to stderr with
 * the library's detail (lc_last_error); exit status 0 ok, 1 failure, 2 usage.
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lc_serve.h"
#include "lc_spikes.h"
#include "lifcore.h"

#define EXIT_USAGE 2

static const char *prog = "lifcore";

static const char usage_main[] =
    "usage: lifcore COMMAND [options]\n"
    "  ports                          list the serial ports of this machine\n"
    "  info [-d DEV]                  describe a device\n"
    "  load -d DEV NET.json           load a network or system and check it (read back)\n"
    "  run  -d DEV NET.json IN.spk [-o OUT.spk] [--steps N]\n"
    "                                 load, run the input spikes, write the output spikes\n"
    "  read -d DEV NET.json [IN.spk] [--steps N] (--weights OUT.json | --state OUT.txt)\n"
    "                                 load, run (optional), read weights or state back\n"
    "  serve DEV --pty                serve a simulated board (sim, emu) on a pseudo-terminal\n"
    "  --version                      print the library version\n"
    "DEV: ref[?n=N&m=M] | sim[?ber=..&drop=..&seed=..&lib=..] |\n"
    "     serial:/dev/ttyUSB1[?baud=3000000&timeout_ms=500]\n"
    "     (default: $LIFCORE_DEVICE, else ref)\n"
    "NET.json: a network file or a system file (cores + routes, docs/formats.md);\n"
    "     with a system, spike files use global indices (core c after cores 0..c-1)\n"
    "'lifcore COMMAND --help' describes a command.\n";

static const char usage_ports[] = "usage: lifcore ports\n"
                                  "List the serial ports of this machine, one a line.\n";
static const char usage_serve[] =
    "usage: lifcore serve DEV --pty\n"
    "Run DEV (sim[?...] or emu[?...]: a simulated board) behind a new pseudo-terminal,\n"
    "as if it were a board on a serial port: print the terminal's path on the first\n"
    "line, then serve until SIGTERM/SIGINT or the end of standard input. A client opens\n"
    "it with -d 'serial:/dev/pts/N?pty=1' (docs/architecture.md \"lifcore serve\").\n"
    "The simulated device is clocked at most as fast as the wall clock, while bytes move.\n";
static const char usage_info[] =
    "usage: lifcore info [-d DEV]\n"
    "Open DEV and print what it is: backend, protocol and core versions, capacity\n"
    "(neurons N, inputs M, lanes P, per core), clock, baud, features, the cores a\n"
    "system may have and D, the largest route delay (0: no routes).\n";
static const char usage_load[] =
    "usage: lifcore load -d DEV NET.json\n"
    "Validate NET.json (a network or a system file), load it onto DEV, read the\n"
    "weights of every core back and compare them.\n"
    "The device keeps the network only while this process runs; 'run' and 'read'\n"
    "load it themselves.\n";
static const char usage_run[] =
    "usage: lifcore run -d DEV NET.json IN.spk [-o OUT.spk] [--steps N] [-q]\n"
    "Load NET.json on DEV (state reset), stream the input spike file IN.spk ('-':\n"
    "stdin, then --steps is required) through it and write the output spikes to\n"
    "OUT.spk (default stdout). --steps N runs N steps: fewer than the file has, or\n"
    "more (the extra steps are silent). Counters and timing go to stderr at the end\n"
    "(-q: not).\n";
static const char usage_read[] =
    "usage: lifcore read -d DEV NET.json [IN.spk] [--steps N] (--weights OUT.json |\n"
    "                    --state OUT.txt)\n"
    "Load NET.json on DEV, run IN.spk when given (learning changes the weights),\n"
    "then write the network with the device's weights to OUT.json (--weights), or\n"
    "the state to OUT.txt (--state): one line 'i u v r theta x y' per neuron, then\n"
    "'x_in j value' per input axon. '-' writes to stdout. For a system of several\n"
    "cores (or with routes), OUT.json is a system file and the state has one block\n"
    "per core after a line '# core C' (local indices).\n";

static int fail_dev(const char *cmd, const char *what, struct lc_device *dev, int rc)
{
    const char *d = lc_last_error(dev);
    fprintf(stderr, "%s %s: %s: %s%s%s\n", prog, cmd, what, lc_strerror(rc), *d ? ": " : "", d);
    return 1;
}

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return EXIT_USAGE;
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

/* common options of the commands */
struct args {
    const char *device, *output, *weights, *state;
    const char *pos[3];
    int n_pos;
    uint64_t steps;
    int have_steps, quiet;
};

static int parse_args(int argc, char **argv, const char *usage, int max_pos, struct args *a)
{
    int i;
    memset(a, 0, sizeof *a);
    a->device = getenv("LIFCORE_DEVICE");
    if (!a->device || !*a->device)
        a->device = "ref";
    for (i = 0; i < argc; i++) {
        const char *s = argv[i];
        const char **target = NULL;
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
            a->quiet = 1;
            continue;
        }
        if (strcmp(s, "-d") == 0 || strcmp(s, "--device") == 0)
            target = &a->device;
        else if (strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0)
            target = &a->output;
        else if (strcmp(s, "--weights") == 0)
            target = &a->weights;
        else if (strcmp(s, "--state") == 0)
            target = &a->state;
        else if (strcmp(s, "--steps") == 0) {
            char *end;
            if (i + 1 == argc)
                return usage_error(usage, "%s needs a value", s) + 100;
            errno = 0;
            a->steps = strtoull(argv[++i], &end, 10);
            if (!argv[i][0] || *end || errno || argv[i][0] == '-')
                return usage_error(usage, "--steps '%s' is not a number of steps", argv[i]) +
                       100;
            a->have_steps = 1;
            continue;
        } else if (s[0] == '-' && s[1] != '\0') {
            return usage_error(usage, "unknown option '%s'", s) + 100;
        } else {
            if (a->n_pos == max_pos)
                return usage_error(usage, "unexpected argument '%s'", s) + 100;
            a->pos[a->n_pos++] = s;
            continue;
        }
        if (i + 1 == argc)
            return usage_error(usage, "%s needs a value", s) + 100;
        *target = argv[++i];
    }
    return 0;
}

/* parse_args returned: 0 go on, 1 help printed (exit 0), 100+code usage error */
#define PARSE(argc, argv, usage, max_pos, a)                                            \
    do {                                                                                \
        int p_ = parse_args(argc, argv, usage, max_pos, a);                             \
        if (p_ == 1)                                                                    \
            return 0;                                                                   \
        if (p_ > 1)                                                                     \
            return p_ - 100;                                                            \
    } while (0)

static int cmd_ports(int argc, char **argv)
{
    struct args a;
    char **names = NULL;
    size_t n = 0, i;
    int rc;
    PARSE(argc, argv, usage_ports, 0, &a);
    rc = lc_list_ports(&names, &n);
    if (rc != LC_OK) {
        fprintf(stderr, "%s ports: %s\n", prog, lc_strerror(rc));
        return 1;
    }
    for (i = 0; i < n; i++)
        printf("%s\n", names[i]);
    if (n == 0)
        fprintf(stderr, "%s ports: no serial ports found\n", prog);
    lc_free_ports(names);
    return 0;
}

static int open_dev(const char *cmd, const char *device, struct lc_device **dev)
{
    int rc = lc_open(device, dev);
    if (rc != LC_OK) {
        fprintf(stderr, "%s %s: cannot open device '%s': %s: %s\n", prog, cmd, device,
                lc_strerror(rc), lc_last_error(NULL));
        return 1;
    }
    return 0;
}

static int cmd_info(int argc, char **argv)
{
    struct args a;
    struct lc_device *dev;
    struct lc_info in;
    int rc;
    PARSE(argc, argv, usage_info, 0, &a);
    if (open_dev("info", a.device, &dev))
        return 1;
    rc = lc_info(dev, &in);
    if (rc != LC_OK) {
        rc = fail_dev("info", "lc_info", dev, rc);
        lc_close(dev);
        return rc;
    }
    printf("device      %s\n", a.device);
    printf("backend     %s\n", in.backend);
    printf("library     %s\n", lc_version());
    printf("protocol    %" PRIu32 "\n", in.protocol_version);
    printf("core        %" PRIu32 ".%" PRIu32 "\n", in.core_version >> 16,
           in.core_version & 0xffff);
    printf("neurons     %" PRIu32 "\n", in.n_neurons);
    printf("inputs      %" PRIu32 "\n", in.n_inputs);
    printf("lanes       %" PRIu32 "\n", in.lanes);
    printf("clock_hz    %" PRIu32 "\n", in.clock_hz);
    printf("baud        %" PRIu32 "\n", in.baud);
    printf("features   %s%s%s\n", in.features & LC_FEATURE_STDP ? " stdp" : "",
           in.features & LC_FEATURE_HOMEOSTASIS ? " homeostasis" : "",
           in.features & LC_FEATURE_STREAMING ? " streaming" : "");
    printf("cores       %" PRIu32 "\n", in.n_cores);
    printf("max_delay   %" PRIu32 "\n", in.max_delay);
    lc_close(dev);
    return 0;
}

/* what a command loads: a system (a network file is one core without routes) */
struct loaded {
    struct lc_system *sys;
    uint32_t C;
    size_t n_routes;
    uint32_t n_total, m_total;
};

/* a plain network: one core, no routes (loaded with lc_load, written as a network file) */
static int is_plain(const struct loaded *l)
{
    return l->C == 1 && l->n_routes == 0;
}

static int load_net(const char *cmd, const char *path, struct loaded *l)
{
    char msg[512];
    uint32_t c;
    int rc = lc_system_load(path, &l->sys, msg, sizeof msg);
    if (rc != LC_OK) {
        /* the message names the file (and line, column, key where they apply) */
        fprintf(stderr, "%s %s: cannot load network: %s (%s)\n", prog, cmd, msg,
                lc_strerror(rc));
        return 1;
    }
    l->C = lc_system_n_cores(l->sys);
    lc_system_routes(l->sys, &l->n_routes);
    l->n_total = l->m_total = 0;
    for (c = 0; c < l->C; c++) {
        l->n_total += lc_system_core(l->sys, c)->n_neurons;
        l->m_total += lc_system_core(l->sys, c)->n_inputs;
    }
    return 0;
}

static int load_on(struct lc_device *dev, const struct loaded *l)
{
    return is_plain(l) ? lc_load(dev, lc_system_core(l->sys, 0)) : lc_load_system(dev, l->sys);
}

static int cmd_load(int argc, char **argv)
{
    struct args a;
    struct lc_device *dev = NULL;
    struct loaded l = {0};
    struct lc_net *back = NULL;
    double t0;
    uint32_t c;
    int rc, status = 1;
    PARSE(argc, argv, usage_load, 1, &a);
    if (a.n_pos != 1)
        return usage_error(usage_load, "%s", "load needs NET.json");
    if (load_net("load", a.pos[0], &l) || open_dev("load", a.device, &dev))
        goto out;
    t0 = mono_s();
    rc = load_on(dev, &l);
    if (rc != LC_OK) {
        fail_dev("load", is_plain(&l) ? "lc_load" : "lc_load_system", dev, rc);
        goto out;
    }
    if (is_plain(&l))
        printf("loaded %s: %" PRIu32 " neurons, %" PRIu32 " inputs in %.3f s\n", a.pos[0],
               l.n_total, l.m_total, mono_s() - t0);
    else
        printf("loaded %s: %" PRIu32 " cores, %" PRIu32 " neurons, %" PRIu32
               " inputs, %zu routes in %.3f s\n",
               a.pos[0], l.C, l.n_total, l.m_total, l.n_routes, mono_s() - t0);
    for (c = 0; c < l.C; c++) {
        const struct lc_net *net = lc_system_core(l.sys, c);
        if (lc_net_copy(net, &back) != LC_OK)
            goto out;
        rc = lc_read_core_weights(dev, c, back->w_in, back->w_rec, back->plastic_in,
                                  back->plastic_rec);
        if (rc != LC_OK) {
            fail_dev("load", "lc_read_core_weights", dev, rc);
            goto out;
        }
        if (memcmp(back->w_in, net->w_in, (size_t)net->n_inputs * net->n_neurons) ||
            memcmp(back->w_rec, net->w_rec, (size_t)net->n_neurons * net->n_neurons) ||
            memcmp(back->plastic_in, net->plastic_in, (size_t)net->n_inputs * net->n_neurons) ||
            memcmp(back->plastic_rec, net->plastic_rec,
                   (size_t)net->n_neurons * net->n_neurons)) {
            fprintf(stderr, "%s load: the weights read back differ from %s (core %" PRIu32 ")\n",
                    prog, a.pos[0], c);
            goto out;
        }
        lc_net_free(back);
        back = NULL;
    }
    printf("read back: weights and plasticity bits match\n");
    status = 0;
out:
    lc_net_free(back);
    lc_system_free(l.sys);
    lc_close(dev);
    return status;
}

/* streaming a spike file in and a spike file out */
struct run_io {
    struct lc_spike_reader *in;
    FILE *out;
    int eof;
    char msg[512];
    int failed;
};

static int run_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    struct run_io *io = user;
    int rc;
    (void)step;
    *count = 0;
    if (!io->in || io->eof)
        return 0;
    rc = lc_spike_next(io->in, idx, cap, count, io->msg, sizeof io->msg);
    if (rc < 0) {
        io->failed = 1;
        return -1;
    }
    if (rc == 0)
        io->eof = 1;
    return 0;
}

static int run_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    struct run_io *io = user;
    (void)step;
    if (!io->out)
        return 0;
    if (lc_spike_write_step(io->out, idx, count) != LC_OK) {
        snprintf(io->msg, sizeof io->msg, "cannot write the output spikes: %s",
                 strerror(errno));
        io->failed = 1;
        return -1;
    }
    return 0;
}

/* count the steps of a spike file (a first pass, so lc_stream knows them) */
static int count_steps(const char *path, uint32_t limit, uint64_t *steps, char *msg,
                       size_t msg_len)
{
    struct lc_spike_reader *r;
    uint32_t *idx;
    size_t count;
    int rc = lc_spike_open(path, limit, &r, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    idx = malloc((limit ? limit : 1) * sizeof *idx);
    if (!idx) {
        lc_spike_close(r);
        return LC_ERR_MEM;
    }
    while ((rc = lc_spike_next(r, idx, limit, &count, msg, msg_len)) == 1)
        ;
    *steps = lc_spike_steps(r);
    free(idx);
    lc_spike_close(r);
    return rc;
}

static void print_report(struct lc_device *dev, double wall, double cpu)
{
    struct lc_counters c;
    struct lc_info in;
    if (lc_counters(dev, &c) != LC_OK || lc_info(dev, &in) != LC_OK)
        return;
    fprintf(stderr, "steps %" PRIu64 ", spikes in %" PRIu64 ", out %" PRIu64
                    ", dropped %" PRIu64 "\n",
            c.steps, c.spikes_in, c.spikes_out, c.dropped);
    fprintf(stderr, "time %.3f s wall (%.0f steps/s), %.3f s host CPU (%.2f us/step)\n", wall,
            wall > 0 ? (double)c.steps / wall : 0.0, cpu,
            c.steps ? cpu * 1e6 / (double)c.steps : 0.0);
    if (c.cycles)
        fprintf(stderr, "core cycles %" PRIu64 " stepping (%.1f per step, last %" PRIu64 ")\n",
                c.cycles, c.steps ? (double)c.cycles / (double)c.steps : 0.0,
                c.last_step_cycles);
    if (in.baud) {
        struct lc_link_stats ls;
        fprintf(stderr, "link bytes tx %" PRIu64 ", rx %" PRIu64 "; crc errors %" PRIu64
                        ", resyncs %" PRIu64 ", retransmits %" PRIu64 ", duplicates %" PRIu64
                        ", timeouts %" PRIu64 "\n",
                c.bytes_tx, c.bytes_rx, c.crc_errors, c.resyncs, c.retransmits, c.duplicates,
                c.timeouts);
        if (lc_link_stats(dev, &ls) == LC_OK && ls.link_ns)
            fprintf(stderr,
                    "link time %.6f s at %" PRIu32 " baud: payload %.1f%% of the wire "
                    "(busiest direction), %.0f spikes/s in, %.0f spikes/s out\n",
                    (double)ls.link_ns * 1e-9, in.baud, 100.0 * ls.efficiency,
                    (double)c.spikes_in / ((double)ls.link_ns * 1e-9),
                    (double)c.spikes_out / ((double)ls.link_ns * 1e-9));
        if (lc_link_stats(dev, &ls) == LC_OK && (ls.shrinks || ls.resend_polls)) {
            char bound[32] = "unbounded";
            if (ls.answer_max)
                snprintf(bound, sizeof bound, "<= %" PRIu32 " B", ls.answer_max);
            fprintf(stderr,
                    "link errors: %" PRIu64 " resend polls; frames halved %" PRIu64
                    " times, now %" PRIu32 " payload bytes per frame, answers in flight %s; "
                    "lately %.1f%% of frames lost to the device, %.1f%% from it\n",
                    ls.resend_polls, ls.shrinks, ls.frame_max, bound, 100.0 * ls.loss_tx,
                    100.0 * ls.loss_rx);
        }
    }
}

/* load, then run the spike file for the steps asked; used by run and read */
static int load_and_run(const char *cmd, struct lc_device *dev, const struct loaded *l,
                        const char *in_path, const struct args *a, FILE *out, int report)
{
    struct run_io io;
    uint64_t steps = 0;
    double t0, c0;
    int rc;

    rc = load_on(dev, l);
    if (rc != LC_OK)
        return fail_dev(cmd, is_plain(l) ? "lc_load" : "lc_load_system", dev, rc);
    if (!in_path)
        return 0;
    memset(&io, 0, sizeof io);
    if (a->have_steps) {
        steps = a->steps;
    } else if (strcmp(in_path, "-") == 0) {
        fprintf(stderr, "%s %s: reading spikes from stdin needs --steps\n", prog, cmd);
        return EXIT_USAGE;
    } else {
        rc = count_steps(in_path, l->m_total, &steps, io.msg, sizeof io.msg);
        if (rc < 0) {
            fprintf(stderr, "%s %s: %s: %s\n", prog, cmd, lc_strerror(rc), io.msg);
            return 1;
        }
    }
    rc = lc_spike_open(in_path, l->m_total, &io.in, io.msg, sizeof io.msg);
    if (rc != LC_OK) {
        fprintf(stderr, "%s %s: %s: %s\n", prog, cmd, lc_strerror(rc), io.msg);
        return 1;
    }
    io.out = out;
    lc_clear_counters(dev);
    t0 = mono_s();
    c0 = cpu_s();
    rc = lc_stream(dev, steps, run_input, run_output, &io);
    lc_spike_close(io.in);
    if (io.failed) {
        fprintf(stderr, "%s %s: %s\n", prog, cmd, io.msg);
        return 1;
    }
    if (rc != LC_OK)
        return fail_dev(cmd, "lc_stream", dev, rc);
    if (report)
        print_report(dev, mono_s() - t0, cpu_s() - c0);
    return 0;
}

static FILE *open_out(const char *cmd, const char *path)
{
    FILE *f;
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "%s %s: cannot write %s: %s\n", prog, cmd, path, strerror(errno));
    return f;
}

static int close_out(const char *cmd, FILE *f, const char *path)
{
    if (!f)
        return 0;
    if (f == stdout)
        return fflush(f) != 0;
    if (fclose(f) != 0) {
        fprintf(stderr, "%s %s: cannot write %s: %s\n", prog, cmd, path, strerror(errno));
        return 1;
    }
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    struct args a;
    struct lc_device *dev = NULL;
    struct loaded l = {0};
    FILE *out = NULL;
    int status = 1;
    PARSE(argc, argv, usage_run, 2, &a);
    if (a.n_pos != 2)
        return usage_error(usage_run, "%s", "run needs NET.json and IN.spk");
    if (load_net("run", a.pos[0], &l) || open_dev("run", a.device, &dev))
        goto done;
    out = open_out("run", a.output);
    if (!out)
        goto done;
    status = load_and_run("run", dev, &l, a.pos[1], &a, out, !a.quiet);
    if (close_out("run", out, a.output) && status == 0)
        status = 1;
done:
    lc_system_free(l.sys);
    lc_close(dev);
    return status;
}

static int write_state(FILE *f, const struct lc_neuron_state *st, uint32_t n, const int32_t *x,
                       uint32_t m)
{
    uint32_t i;
    fprintf(f, "# i u v r theta x y\n");
    for (i = 0; i < n; i++)
        fprintf(f, "%" PRIu32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32 " %" PRId32
                   " %" PRId32 "\n",
                i, st[i].u, st[i].v, st[i].r, st[i].theta, st[i].x, st[i].y);
    for (i = 0; i < m; i++)
        fprintf(f, "x_in %" PRIu32 " %" PRId32 "\n", i, x[i]);
    return ferror(f) ? 1 : 0;
}

static int cmd_read(int argc, char **argv)
{
    struct args a;
    struct lc_device *dev = NULL;
    struct loaded l = {0};
    struct lc_neuron_state *st = NULL;
    int32_t *x = NULL;
    uint32_t c;
    int rc, status = 1;
    PARSE(argc, argv, usage_read, 2, &a);
    if (a.n_pos < 1)
        return usage_error(usage_read, "%s", "read needs NET.json");
    if (!a.weights == !a.state)
        return usage_error(usage_read, "%s", "read needs one of --weights or --state");
    if (load_net("read", a.pos[0], &l) || open_dev("read", a.device, &dev))
        goto done;
    if (!a.have_steps || a.n_pos == 2) {
        status = load_and_run("read", dev, &l, a.n_pos == 2 ? a.pos[1] : NULL, &a, NULL, 0);
    } else {
        /* --steps without a spike file: silent inputs */
        status = load_and_run("read", dev, &l, "/dev/null", &a, NULL, 0);
    }
    if (status)
        goto done;
    status = 1;
    if (a.weights) {
        const char *path = strcmp(a.weights, "-") == 0 ? "/dev/stdout" : a.weights;
        /* the device's weights into the loaded system's cores */
        for (c = 0; c < l.C; c++) {
            struct lc_net *net = lc_system_core(l.sys, c);
            rc = lc_read_core_weights(dev, c, net->w_in, net->w_rec, net->plastic_in,
                                      net->plastic_rec);
            if (rc != LC_OK) {
                fail_dev("read", "lc_read_core_weights", dev, rc);
                goto done;
            }
        }
        rc = is_plain(&l) ? lc_net_save(lc_system_core(l.sys, 0), path)
                          : lc_system_save(l.sys, path);
        if (rc != LC_OK) {
            fprintf(stderr, "%s read: cannot write %s: %s\n", prog, a.weights, lc_strerror(rc));
            goto done;
        }
    } else {
        FILE *f = open_out("read", a.state);
        if (!f)
            goto done;
        for (c = 0; c < l.C; c++) {
            const struct lc_net *net = lc_system_core(l.sys, c);
            st = calloc(net->n_neurons, sizeof *st);
            x = calloc(net->n_inputs ? net->n_inputs : 1, sizeof *x);
            if (!st || !x)
                break;
            rc = lc_read_core_state(dev, c, st, x);
            if (rc != LC_OK) {
                fail_dev("read", "lc_read_core_state", dev, rc);
                break;
            }
            if (!is_plain(&l))
                fprintf(f, "# core %" PRIu32 "\n", c);
            if (write_state(f, st, net->n_neurons, x, net->n_inputs))
                break;
            free(st);
            free(x);
            st = NULL;
            x = NULL;
        }
        if ((close_out("read", f, a.state) | (c < l.C)) != 0)
            goto done;
    }
    status = 0;
done:
    free(st);
    free(x);
    lc_system_free(l.sys);
    lc_close(dev);
    return status;
}

static volatile sig_atomic_t serve_stop;

static void on_stop(int sig)
{
    (void)sig;
    serve_stop = 1;
}

static int cmd_serve(int argc, char **argv)
{
    const char *dev = NULL;
    char msg[512] = "";
    int pty = 0, i, rc;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage_serve, stdout);
            return 0;
        } else if (strcmp(argv[i], "--pty") == 0)
            pty = 1;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error(usage_serve, "unknown option '%s'", argv[i]);
        else if (!dev)
            dev = argv[i];
        else
            return usage_error(usage_serve, "unexpected argument '%s'", argv[i]);
    }
    if (!dev)
        return usage_error(usage_serve, "%s", "serve needs DEV (sim or emu)");
    if (!pty)
        return usage_error(usage_serve, "%s", "serve needs --pty (the only way it serves)");
    signal(SIGTERM, on_stop);
    signal(SIGINT, on_stop);
    rc = lc_serve_pty(dev, stdout, 0, &serve_stop, msg, sizeof msg);
    if (rc != LC_OK) {
        fprintf(stderr, "%s: serve: %s\n", prog, msg[0] ? msg : lc_strerror(rc));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *cmd;
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("lifcore %s\n", lc_version());
        return 0;
    }
    if (strcmp(cmd, "ports") == 0)
        return cmd_ports(argc - 2, argv + 2);
    if (strcmp(cmd, "info") == 0)
        return cmd_info(argc - 2, argv + 2);
    if (strcmp(cmd, "load") == 0)
        return cmd_load(argc - 2, argv + 2);
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "read") == 0)
        return cmd_read(argc - 2, argv + 2);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc - 2, argv + 2);
    fprintf(stderr, "%s: unknown command '%s'\n%s", prog, cmd, usage_main);
    return EXIT_USAGE;
}
