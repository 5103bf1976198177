/* lc_serve.c : lifcore serve, a simulated board behind a pseudo-terminal
 * The device's transport (backend/lc_dev_links.c, the byte pipe of "sim" or "emu")
 * is copied to and from the master side of a pseudo-terminal; a client opens the
 * slave (/dev/pts/N) as if it were the board's serial port ("serial:/dev/pts/N?pty=1").
 * The simulated device only advances while it is read (lc_transport.h): the loop
 * reads it with a timeout equal to its lag behind the wall clock (its now_ns against
 * the wall time since it became active, in slices of at most MAX_SLICE_US), so
 * simulated time follows the wall clock (or lags it, the model being slower), and
 * stops clocking it once nothing has moved for IDLE_NS.
 * SPDX-License-Identifier: MIT
 */
#define _XOPEN_SOURCE 600
#define _DEFAULT_SOURCE /* cfmakeraw */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lc_clock.h"
#include "lc_dev.h"
#include "lc_serve.h"
#include "lc_transport.h"
#include "lifcore.h"

#define IDLE_NS 300000000ull    /* clock the device this long after the last byte */
#define MAX_SLICE_US 1500u      /* at most this much device time per read: below the
                                   device's inter-byte timeout (2 ms), so a frame split
                                   between two reads of the pty is not cut when the
                                   server was not scheduled for a while */
#define MAX_LAG_NS 50000000ull  /* device time owed to the wall clock, at most */
#define CHUNK 256               /* bytes a transport write (LC_MAX_FRAME >= 256) */

static int write_all(int fd, const uint8_t *b, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) { /* the client does not read: wait for room */
                struct pollfd p = {fd, POLLOUT, 0};
                poll(&p, 1, 10);
                continue;
            }
            return -1;
        }
        b += w;
        n -= (size_t)w;
    }
    return 0;
}

static int open_pty(int *master, int *slave, char *path, size_t path_len, char *msg,
                    size_t msg_len)
{
    struct termios tio;
    const char *name;
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0 || !(name = ptsname(m))) {
        snprintf(msg, msg_len, "serve: cannot create a pseudo-terminal: %s", strerror(errno));
        if (m >= 0)
            close(m);
        return LC_ERR_IO;
    }
    snprintf(path, path_len, "%s", name);
    /* the server keeps the slave open: a client closing it is not a hang-up */
    *slave = open(path, O_RDWR | O_NOCTTY);
    if (*slave < 0 || tcgetattr(*slave, &tio) != 0) {
        snprintf(msg, msg_len, "serve: cannot open %s: %s", path, strerror(errno));
        if (*slave >= 0)
            close(*slave);
        close(m);
        return LC_ERR_IO;
    }
    cfmakeraw(&tio);
    cfsetispeed(&tio, B3000000);
    cfsetospeed(&tio, B3000000);
    tcsetattr(*slave, TCSANOW, &tio);
    fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
    *master = m;
    return LC_OK;
}

int lc_serve_pty(const char *device, FILE *out, int stop_fd, volatile sig_atomic_t *stop,
                 char *msg, size_t msg_len)
{
    struct lc_transport t;
    char path[256];
    uint8_t buf[4096];
    uint64_t last_io, wall_anchor = 0, dev_anchor = 0;
    int was_active = 0;
    int master = -1, slave = -1, rc;

    rc = lc_dev_link_transport(device, &t, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    rc = open_pty(&master, &slave, path, sizeof path, msg, msg_len);
    if (rc != LC_OK) {
        t.close(t.ctx);
        return rc;
    }
    fprintf(out, "%s\n", path);
    fflush(out);
    last_io = lc_mono_ns();
    while (!*stop) {
        struct pollfd p[2];
        int np = 1, active = lc_mono_ns() - last_io < IDLE_NS, r;
        size_t got = 0;
        uint64_t now, slice_us;
        p[0].fd = master, p[0].events = POLLIN, p[0].revents = 0;
        if (stop_fd >= 0)
            p[1].fd = stop_fd, p[1].events = POLLIN, p[1].revents = 0, np = 2;
        /* active, the device is clocked continuously (its time keeping pace with the
         * wall clock, which the client's retransmission timers follow); idle, the
         * server sleeps in poll */
        r = poll(p, (nfds_t)np, active ? 0 : 20);
        if (r < 0 && errno != EINTR) {
            rc = LC_ERR_IO;
            snprintf(msg, msg_len, "serve: poll: %s", strerror(errno));
            break;
        }
        if (r > 0 && np == 2 && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(stop_fd, buf, sizeof buf);
            if (n <= 0) /* standard input closed: stop */
                break;
        }
        if (r > 0 && (p[0].revents & POLLIN)) {
            ssize_t n = read(master, buf, sizeof buf);
            if (n > 0) {
                /* in pieces: a transport may take at most a frame a write (emu) */
                size_t off = 0;
                while (off < (size_t)n && rc == LC_OK) {
                    size_t k = (size_t)n - off < CHUNK ? (size_t)n - off : CHUNK;
                    rc = t.write(t.ctx, buf + off, k, msg, msg_len);
                    off += k;
                }
                if (rc != LC_OK)
                    break;
                last_io = lc_mono_ns();
                active = 1;
            }
        }
        /* clock the device by its lag behind the wall clock since it became active
         * (in slices, the pty read between them; a lag beyond MAX_LAG_NS is forgiven) */
        now = lc_mono_ns();
        if (!active) {
            was_active = 0;
            slice_us = 0;
        } else if (!t.now_ns) { /* no device clock to compare (sim and emu have one) */
            slice_us = MAX_SLICE_US;
        } else {
            uint64_t dev = t.now_ns(t.ctx), lag;
            if (!was_active) { /* re-anchor: idle time is not caught up */
                wall_anchor = now;
                dev_anchor = dev;
                was_active = 1;
            }
            lag = now - wall_anchor > dev - dev_anchor ? (now - wall_anchor) - (dev - dev_anchor)
                                                       : 0;
            if (lag > MAX_LAG_NS) {
                wall_anchor += lag - MAX_LAG_NS;
                lag = MAX_LAG_NS;
            }
            slice_us = lag / 1000u;
            if (slice_us > MAX_SLICE_US)
                slice_us = MAX_SLICE_US;
            if (slice_us == 0)
                slice_us = 1;
        }
        rc = t.read(t.ctx, buf, sizeof buf, &got, slice_us, msg, msg_len);
        if (rc != LC_OK)
            break;
        if (got > 0) {
            if (write_all(master, buf, got) != 0) {
                rc = LC_ERR_IO;
                snprintf(msg, msg_len, "serve: write to %s: %s", path, strerror(errno));
                break;
            }
            last_io = lc_mono_ns();
        }
    }
    close(slave);
    close(master);
    t.close(t.ctx);
    return rc;
}
