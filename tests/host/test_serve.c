/* test_serve.c : lifcore serve DEV --pty, reached through the serial transport
 * Usage: test_serve path/to/lifcore
 * Spawns 'lifcore serve emu?... --pty' (and 'sim' when LIFCORE_SIM_LIB names a
 * model), reads the pseudo-terminal's path from its first line and opens it with
 * lc_open("serial:PATH?pty=1"): a random network run bit-exact against lc_ref, a
 * second open refused as busy, the server killed mid-run (an error within a
 * second, the steps already returned intact), and the server's stops (end of
 * standard input, SIGTERM).
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE /* unshare */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compare_util.h"
#include "test_util.h"

static const char *cli;

struct server {
    pid_t pid;
    int in;  /* its standard input (closing it stops the server) */
    int out; /* its standard output */
    char path[256];
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* start 'lifcore serve DEV --pty' and read the path (0 ok) */
static int serve_start(const char *dev, struct server *s)
{
    int pin[2], pout[2];
    size_t len = 0;
    double t0 = now_s();
    memset(s, 0, sizeof *s);
    if (pipe(pin) != 0 || pipe(pout) != 0)
        return -1;
    s->pid = fork();
    if (s->pid < 0)
        return -1;
    if (s->pid == 0) {
        dup2(pin[0], 0);
        dup2(pout[1], 1);
        close(pin[1]);
        close(pout[0]);
        execl(cli, cli, "serve", dev, "--pty", (char *)NULL);
        _exit(127);
    }
    close(pin[0]);
    close(pout[1]);
    s->in = pin[1];
    s->out = pout[0];
    while (len + 1 < sizeof s->path && now_s() - t0 < 10) {
        struct pollfd p = {s->out, POLLIN, 0};
        char c;
        if (poll(&p, 1, 100) <= 0)
            continue;
        if (read(s->out, &c, 1) != 1)
            break;
        if (c == '\n') {
            s->path[len] = '\0';
            return strncmp(s->path, "/dev/", 5) == 0 ? 0 : -1;
        }
        s->path[len++] = c;
    }
    printf("    serve %s: no path on the first line\n", dev);
    return -1;
}

/* wait for the server's end (at most @p secs): its exit status, -1 still running */
static int serve_wait(struct server *s, double secs)
{
    double t0 = now_s();
    int st;
    while (now_s() - t0 < secs) {
        pid_t r = waitpid(s->pid, &st, WNOHANG);
        if (r == s->pid) {
            s->pid = 0;
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        usleep(10000);
    }
    return -1;
}

static void serve_stop(struct server *s)
{
    if (s->in > 0)
        close(s->in);
    s->in = 0;
    if (s->pid > 0 && serve_wait(s, 2) < 0) {
        kill(s->pid, SIGKILL);
        serve_wait(s, 2);
    }
    if (s->out > 0)
        close(s->out);
    s->out = 0;
}

static struct lc_device *open_pty(const struct server *s, const char *extra, int *rc)
{
    char uri[400];
    struct lc_device *dev = NULL;
    snprintf(uri, sizeof uri, "serial:%s?pty=1%s", s->path, extra);
    *rc = lc_open(uri, &dev);
    return dev;
}

static int run_bit_exact(const char *devstr, uint32_t n, uint32_t m, uint64_t seed, uint32_t steps)
{
    struct server s;
    struct lc_device *dev;
    struct lc_net *net = NULL;
    int rc, bad;
    CHECK(serve_start(devstr, &s) == 0);
    /* a patient client: on a loaded machine the server may not be scheduled for a
     * while, and the link's 4 ms retransmission timer assumes a board in real time */
    dev = open_pty(&s, "&timeout_ms=5000", &rc);
    if (rc != LC_OK)
        printf("    open %s: %s\n", s.path, lc_last_error(NULL));
    CHECK_EQ(rc, LC_OK);
    CHECK(lc_random_net(seed, n, m, &net) == LC_OK);
    bad = compare_run(dev, net, steps, -1.0, seed, (int)(seed & 1), 2);
    lc_net_free(net);
    lc_close(dev);
    close(s.in);
    s.in = 0;
    rc = serve_wait(&s, 2); /* end of standard input stops it, status 0 */
    serve_stop(&s);
    CHECK_EQ(bad, 0);
    CHECK_EQ(rc, 0);
    return 0;
}

static int test_emu_runs_bit_exact_over_the_pty(void)
{
    uint64_t seed;
    for (seed = 1; seed <= 3; seed++)
        if (run_bit_exact("emu?n=64&m=32", 64, 32, seed, 60))
            return 1;
    return 0;
}

static int test_sim_runs_bit_exact_over_the_pty(void)
{
    const char *lib = getenv("LIFCORE_SIM_LIB");
    char dev[600];
    if (!lib || access(lib, R_OK) != 0) {
        printf("    skipped: LIFCORE_SIM_LIB does not name a model (make sim-libs)\n");
        return 0;
    }
    snprintf(dev, sizeof dev, "sim?lib=%s", lib);
    return run_bit_exact(dev, 64, 32, 5, 20);
}

static int test_second_open_is_busy(void)
{
    struct server s;
    struct lc_device *a, *b;
    int rc;
    CHECK(serve_start("emu", &s) == 0);
    a = open_pty(&s, "", &rc);
    CHECK_EQ(rc, LC_OK);
    b = open_pty(&s, "", &rc);
    CHECK_EQ(rc, LC_ERR_BUSY);
    CHECK(b == NULL);
    CHECK(strstr(lc_last_error(NULL), "busy") != NULL);
    lc_close(a);
    a = open_pty(&s, "", &rc); /* free again once closed */
    CHECK_EQ(rc, LC_OK);
    lc_close(a);
    serve_stop(&s);
    return 0;
}

static int test_plain_serial_refuses_the_pty(void)
{
    struct server s;
    struct lc_device *dev = NULL;
    char uri[300];
    int rc;
    CHECK(serve_start("emu", &s) == 0);
    snprintf(uri, sizeof uri, "serial:%s", s.path);
    rc = lc_open(uri, &dev);
    CHECK_EQ(rc, LC_ERR_ARG);
    CHECK(strstr(lc_last_error(NULL), "pseudo-terminal") != NULL);
    dev = open_pty(&s, "&baud=1234", &rc); /* not a termios rate */
    CHECK_EQ(rc, LC_ERR_ARG);
    serve_stop(&s);
    return 0;
}

struct unplug {
    struct server *s;
    uint8_t *out;
    uint32_t n;
    uint64_t got;   /* steps returned */
    uint64_t kill_at;
    double killed_at;
    const uint8_t *in;
    uint32_t m;
};

static int unplug_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count)
{
    struct unplug *u = user;
    size_t k = 0;
    uint32_t j;
    for (j = 0; j < u->m && k < cap; j++)
        if (u->in[step * u->m + j])
            idx[k++] = j;
    *count = k;
    return 0;
}

static int unplug_output(void *user, uint64_t step, const uint32_t *idx, size_t count)
{
    struct unplug *u = user;
    size_t k;
    for (k = 0; k < count; k++)
        u->out[step * u->n + idx[k]] = 1;
    u->got = step + 1;
    if (step + 1 == u->kill_at && u->s->pid > 0) {
        kill(u->s->pid, SIGKILL);
        u->killed_at = now_s();
    }
    return 0;
}

static int test_unplug_mid_run(void)
{
    enum { STEPS = 4000 };
    struct server s;
    struct lc_device *dev, *ref = NULL;
    struct lc_net *net = NULL;
    struct unplug u;
    uint8_t *in, *want;
    double t_err;
    uint64_t t;
    uint32_t i;
    int rc, bad = 0;
    CHECK(serve_start("emu?n=64&m=32", &s) == 0);
    dev = open_pty(&s, "", &rc);
    CHECK_EQ(rc, LC_OK);
    CHECK(lc_random_net(11, 64, 32, &net) == LC_OK);
    CHECK_EQ(lc_load(dev, net), LC_OK);
    memset(&u, 0, sizeof u);
    u.s = &s;
    u.n = net->n_neurons;
    u.m = net->n_inputs;
    u.kill_at = 50;
    in = calloc((size_t)STEPS * u.m, 1);
    u.out = calloc((size_t)STEPS * u.n, 1);
    want = calloc((size_t)STEPS * u.n, 1);
    CHECK(in && u.out && want);
    lc_random_inputs(11, u.m, STEPS, 0.2, in);
    u.in = in;
    rc = lc_stream(dev, STEPS, unplug_input, unplug_output, &u);
    t_err = now_s();
    printf("    unplugged after step %llu: %s (%s), %.3f s later; %llu steps returned\n",
           (unsigned long long)u.kill_at, lc_strerror(rc), lc_last_error(dev),
           u.killed_at > 0 ? t_err - u.killed_at : -1.0, (unsigned long long)u.got);
    CHECK(rc != LC_OK);
    CHECK(u.killed_at > 0);
    CHECK(t_err - u.killed_at < 1.0);
    CHECK(u.got >= u.kill_at && u.got < STEPS);
    CHECK(lc_last_error(dev)[0] != '\0');
    /* the steps returned are those of the model */
    CHECK_EQ(lc_open("ref?n=64&m=32", &ref), LC_OK);
    CHECK_EQ(lc_load(ref, net), LC_OK);
    CHECK_EQ(lc_run(ref, (uint32_t)u.got, in, want), LC_OK);
    for (t = 0; t < u.got && !bad; t++)
        for (i = 0; i < u.n; i++)
            if (u.out[t * u.n + i] != want[t * u.n + i]) {
                printf("    step %llu neuron %u: %d, model %d\n", (unsigned long long)t, i,
                       u.out[t * u.n + i], want[t * u.n + i]);
                bad = 1;
                break;
            }
    lc_close(ref);
    lc_close(dev);
    lc_net_free(net);
    free(in);
    free(u.out);
    free(want);
    serve_stop(&s);
    CHECK_EQ(bad, 0);
    return 0;
}

static int test_sigterm_stops_the_server(void)
{
    struct server s;
    CHECK(serve_start("emu", &s) == 0);
    CHECK_EQ(kill(s.pid, SIGTERM), 0);
    CHECK_EQ(serve_wait(&s, 2), 0);
    CHECK(access(s.path, F_OK) != 0 || 1); /* the pts node may be reused */
    serve_stop(&s);
    return 0;
}

/* In a private mount namespace (root only): a fake USB serial entry in sysfs and the
 * pty bind-mounted on /dev/ttyUSB9, so that libserialport lists it ('lifcore ports')
 * and the board answers there. The child's status: 0 ok, 77 skipped, else failed. */
static int ports_child(const char *pts)
{
    char cmd[600];
    struct lc_device *dev = NULL;
    int fd;
    if (unshare(CLONE_NEWNS) != 0)
        return 77;
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        return 77;
    if (mount("none", "/sys/class/tty", "tmpfs", 0, NULL) != 0)
        return 77;
    if (symlink("../../devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/ttyUSB9/tty/ttyUSB9",
                "/sys/class/tty/ttyUSB9") != 0)
        return 10;
    /* /dev is the machine's: the pty is bound onto a file of a private tmpfs (on /mnt),
     * which then replaces /dev in this namespace */
    if (mount("none", "/mnt", "tmpfs", 0, NULL) != 0)
        return 77;
    fd = open("/mnt/ttyUSB9", O_CREAT | O_WRONLY, 0600);
    if (fd < 0)
        return 11;
    close(fd);
    if (mount(pts, "/mnt/ttyUSB9", NULL, MS_BIND, NULL) != 0)
        return 12;
    if (mount("/mnt", "/dev", NULL, MS_BIND | MS_REC, NULL) != 0)
        return 13;
    snprintf(cmd, sizeof cmd, "'%s' ports | grep -qx /dev/ttyUSB9", cli);
    if (system(cmd) != 0) {
        printf("    lifcore ports does not list /dev/ttyUSB9\n");
        return 14;
    }
    if (lc_open("serial:/dev/ttyUSB9?pty=1", &dev) != LC_OK) {
        printf("    serial:/dev/ttyUSB9?pty=1: %s\n", lc_last_error(NULL));
        return 15;
    }
    lc_close(dev);
    /* libserialport itself still cannot open it (no modem-control ioctls on a pty) */
    if (lc_open("serial:/dev/ttyUSB9", &dev) == LC_OK) {
        lc_close(dev);
        printf("    note: plain serial: opened the pty\n");
    }
    return 0;
}

static int test_ports_lists_it_in_a_mount_namespace(void)
{
    struct server s;
    pid_t pid;
    int st, rc;
    if (geteuid() != 0) {
        printf("    skipped: not root (needs a private mount namespace)\n");
        return 0;
    }
    CHECK(serve_start("emu", &s) == 0);
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        rc = ports_child(s.path);
        fflush(stdout);
        _exit(rc);
    }
    CHECK(waitpid(pid, &st, 0) == pid);
    serve_stop(&s);
    CHECK(WIFEXITED(st));
    if (WEXITSTATUS(st) == 77) {
        printf("    skipped: unshare(CLONE_NEWNS) or mount not permitted\n");
        return 0;
    }
    CHECK_EQ(WEXITSTATUS(st), 0);
    return 0;
}

static int test_serve_usage(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "'%s' serve --help | grep -q 'serve DEV --pty'", cli);
    CHECK_EQ(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "'%s' serve emu 2>/dev/null", cli); /* no --pty */
    CHECK_EQ(WEXITSTATUS(system(cmd)), 2);
    snprintf(cmd, sizeof cmd, "'%s' serve ref --pty </dev/null 2>/dev/null", cli);
    CHECK_EQ(WEXITSTATUS(system(cmd)), 1);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_serve path/to/lifcore\n");
        return 2;
    }
    cli = argv[1];
    signal(SIGPIPE, SIG_IGN);
    RUN(test_serve_usage);
    RUN(test_emu_runs_bit_exact_over_the_pty);
    RUN(test_sim_runs_bit_exact_over_the_pty);
    RUN(test_second_open_is_busy);
    RUN(test_plain_serial_refuses_the_pty);
    RUN(test_unplug_mid_run);
    RUN(test_sigterm_stops_the_server);
    RUN(test_ports_lists_it_in_a_mount_namespace);
    return tu_summary("serve");
}
