/* lc_serial.c : the 'serial' transport (a real board) through libserialport
 * Device string "serial:/dev/ttyUSB1?baud=3000000&timeout_ms=500". The port is
 * checked before it is opened (missing, not a character device, a
 * pseudo-terminal), opened read/write, locked against a second user (flock),
 * configured 8N1 without flow control and flushed: a transport that the serial:
 * entry of the backend table hands to the wire backend.
 * Built without libserialport (LC_HAVE_SERIALPORT undefined), lc_list_ports()
 * and the serial device return LC_ERR_UNSUPPORTED.
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE /* flock, major(), cfmakeraw */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#include "lc_error.h"
#include "lc_serial.h"
#include "lifcore.h"
#include "lc_transport.h"

#ifdef LC_HAVE_SERIALPORT
#include <libserialport.h>
#endif

LC_API int lc_serial_errno_code(int err)
{
    switch (err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
        return LC_ERR_NOTFOUND;
    case EBUSY:
    case EWOULDBLOCK:
        return LC_ERR_BUSY;
    case ENOMEM:
        return LC_ERR_MEM;
    case EACCES:
    case EPERM:
    default:
        return LC_ERR_IO;
    }
}

static int is_pty(const char *port, const struct stat *st)
{
    unsigned maj = major(st->st_rdev);
    /* Unix98 pty slaves (136..143), BSD pty masters/slaves (2, 3), /dev/ptmx (5,2) */
    return (maj >= 136 && maj <= 143) || maj == 2 || maj == 3 ||
           (maj == 5 && minor(st->st_rdev) == 2) || strncmp(port, "/dev/pts/", 9) == 0;
}

LC_API int lc_serial_check_path(const char *port, char *msg, size_t msg_len)
{
    struct stat st;
    if (stat(port, &st) != 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            snprintf(msg, msg_len,
                     "serial port %s not found (no such file; 'lifcore ports' lists the "
                     "ports of this machine)",
                     port);
        else if (e == EACCES)
            snprintf(msg, msg_len, "serial port %s: permission denied", port);
        else
            snprintf(msg, msg_len, "serial port %s: %s", port, strerror(e));
        return e == ENOTDIR ? LC_ERR_NOTFOUND : lc_serial_errno_code(e);
    }
    if (!S_ISCHR(st.st_mode)) {
        snprintf(msg, msg_len, "serial port %s is not a character device", port);
        return LC_ERR_ARG;
    }
    if (is_pty(port, &st)) {
        snprintf(msg, msg_len,
                 "%s is a pseudo-terminal, not a serial port (refused: a board is a "
                 "USB or UART serial device such as /dev/ttyUSB1; pty=1 opens a "
                 "pseudo-terminal, e.g. 'lifcore serve --pty')",
                 port);
        return LC_ERR_ARG;
    }
    return LC_OK;
}

/* ---- a pseudo-terminal (lifcore serve --pty): termios, libserialport refuses ptys ---- */

struct pty_ctx {
    int fd;
    char name[256];
    uint32_t write_timeout_ms;
};

static int pty_fail(const struct pty_ctx *s, const char *op, int e, char *err, size_t err_len)
{
    if (e == EIO)
        snprintf(err, err_len, "serial port %s: %s failed: %s (the other end is gone: "
                 "the board was unplugged or its server stopped)", s->name, op, strerror(e));
    else
        snprintf(err, err_len, "serial port %s: %s failed: %s", s->name, op, strerror(e));
    return LC_ERR_IO;
}

static int pty_write(void *ctx, const uint8_t *buf, size_t len, char *err, size_t err_len)
{
    struct pty_ctx *s = ctx;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(s->fd, buf + done, len - done);
        if (w > 0) {
            done += (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN) {
            struct pollfd p = {s->fd, POLLOUT, 0};
            int r = poll(&p, 1, (int)s->write_timeout_ms);
            if (r == 0) {
                snprintf(err, err_len,
                         "serial port %s: write timed out after %u ms (%zu of %zu bytes)",
                         s->name, s->write_timeout_ms, done, len);
                return LC_ERR_TIMEOUT;
            }
            if (r > 0 && (p.revents & (POLLERR | POLLHUP)))
                return pty_fail(s, "write", EIO, err, err_len);
            continue;
        }
        return pty_fail(s, "write", w < 0 ? errno : EIO, err, err_len);
    }
    return LC_OK;
}

static int pty_read(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint64_t timeout_us,
                    char *err, size_t err_len)
{
    struct pty_ctx *s = ctx;
    struct pollfd p = {s->fd, POLLIN, 0};
    int ms = (int)((timeout_us + 999) / 1000), r;
    ssize_t n;
    *got = 0;
    do
        r = poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return pty_fail(s, "read", errno, err, err_len);
    if (r == 0)
        return LC_OK;
    n = read(s->fd, buf, cap);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return LC_OK;
    if (n <= 0) /* a hang-up reads as EIO (or end of file) */
        return pty_fail(s, "read", n < 0 ? errno : EIO, err, err_len);
    *got = (size_t)n;
    return LC_OK;
}

static void pty_close(void *ctx)
{
    struct pty_ctx *s = ctx;
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    free(s);
}

static speed_t speed_of(uint32_t baud)
{
    switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 500000: return B500000;
    case 921600: return B921600;
    case 1000000: return B1000000;
    case 2000000: return B2000000;
    case 3000000: return B3000000;
    case 4000000: return B4000000;
    default: return 0;
    }
}

int lc_serial_pty_transport(const char *port, uint32_t baud, uint32_t write_timeout_ms,
                            struct lc_transport *t, char *msg, size_t msg_len)
{
    struct pty_ctx *s;
    struct termios tio;
    struct stat st;
    speed_t sp = speed_of(baud);
    int rc = lc_serial_check_path(port, msg, msg_len);

    if (rc == LC_ERR_ARG && stat(port, &st) == 0 && S_ISCHR(st.st_mode) && is_pty(port, &st))
        rc = LC_OK; /* pty=1: a pseudo-terminal is what is asked for */
    else if (rc == LC_OK)
        return lc_errf(msg, msg_len, LC_ERR_ARG,
                       "serial port %s: pty=1 but it is not a pseudo-terminal", port);
    if (rc != LC_OK)
        return rc;
    if (!sp)
        return lc_errf(msg, msg_len, LC_ERR_ARG,
                       "serial port %s: baud %u is not a standard termios rate", port, baud);
    s = calloc(1, sizeof *s);
    if (!s)
        return lc_errf(msg, msg_len, LC_ERR_MEM, "serial: out of memory");
    snprintf(s->name, sizeof s->name, "%s", port);
    s->write_timeout_ms = write_timeout_ms;
    s->fd = open(port, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (s->fd < 0) {
        int e = errno;
        rc = lc_errf(msg, msg_len, lc_serial_errno_code(e), "serial port %s: cannot open: %s",
                     port, strerror(e));
        pty_close(s);
        return rc;
    }
    if (flock(s->fd, LOCK_EX | LOCK_NB) != 0) {
        rc = lc_errf(msg, msg_len, LC_ERR_BUSY,
                     "serial port %s is busy (another lifcore process holds it)", port);
        pty_close(s);
        return rc;
    }
    if (tcgetattr(s->fd, &tio) != 0) {
        rc = lc_errf(msg, msg_len, LC_ERR_IO, "serial port %s: tcgetattr: %s", port,
                     strerror(errno));
        pty_close(s);
        return rc;
    }
    cfmakeraw(&tio);
    cfsetispeed(&tio, sp);
    cfsetospeed(&tio, sp);
    tio.c_cflag |= CLOCAL | CREAD;
    tcsetattr(s->fd, TCSANOW, &tio);
    tcflush(s->fd, TCIOFLUSH);

    memset(t, 0, sizeof *t);
    t->ctx = s;
    t->name = s->name;
    t->write = pty_write;
    t->read = pty_read;
    t->close = pty_close;
    t->baud = baud;
    return LC_OK;
}

#ifdef LC_HAVE_SERIALPORT

struct serial_ctx {
    struct sp_port *port;
    char name[256];
    uint32_t write_timeout_ms;
};

static int sp_fail(const struct serial_ctx *s, const char *op, char *err, size_t err_len)
{
    int e = errno;
    char *m = sp_last_error_message();
    snprintf(err, err_len, "serial port %s: %s failed: %s", s->name, op, m ? m : strerror(e));
    sp_free_error_message(m);
    return LC_ERR_IO;
}

static int serial_write(void *ctx, const uint8_t *buf, size_t len, char *err, size_t err_len)
{
    struct serial_ctx *s = ctx;
    enum sp_return r = sp_blocking_write(s->port, buf, len, s->write_timeout_ms);
    if (r < 0)
        return sp_fail(s, "write", err, err_len);
    if ((size_t)r < len) {
        snprintf(err, err_len, "serial port %s: write timed out after %u ms (%d of %zu bytes)",
                 s->name, s->write_timeout_ms, (int)r, len);
        return LC_ERR_TIMEOUT;
    }
    return LC_OK;
}

static int serial_read(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint64_t timeout_us,
                       char *err, size_t err_len)
{
    struct serial_ctx *s = ctx;
    unsigned ms = (unsigned)((timeout_us + 999) / 1000);
    enum sp_return r;
    *got = 0;
    /* nonblocking first: a full buffer costs no system call wait */
    r = sp_nonblocking_read(s->port, buf, cap);
    if (r == 0 && timeout_us > 0)
        r = sp_blocking_read_next(s->port, buf, cap, ms ? ms : 1); /* 0 would wait forever */
    if (r < 0)
        return sp_fail(s, "read", err, err_len);
    *got = (size_t)r;
    return LC_OK;
}

static void serial_close(void *ctx)
{
    struct serial_ctx *s = ctx;
    if (!s)
        return;
    if (s->port) {
        sp_close(s->port);
        sp_free_port(s->port);
    }
    free(s);
}

static int configure(struct serial_ctx *s, uint32_t baud, char *msg, size_t msg_len)
{
    struct sp_port_config *cfg = NULL;
    int rc = LC_OK;
    if (sp_new_config(&cfg) != SP_OK)
        return LC_ERR_MEM;
    sp_set_config_baudrate(cfg, (int)baud);
    sp_set_config_bits(cfg, 8);
    sp_set_config_parity(cfg, SP_PARITY_NONE);
    sp_set_config_stopbits(cfg, 1);
    sp_set_config_flowcontrol(cfg, SP_FLOWCONTROL_NONE);
    if (sp_set_config(s->port, cfg) != SP_OK) {
        char *m = sp_last_error_message();
        snprintf(msg, msg_len, "serial port %s: cannot set %u baud 8N1 without flow control: %s",
                 s->name, baud, m ? m : "?");
        sp_free_error_message(m);
        rc = errno == EINVAL ? LC_ERR_ARG : LC_ERR_IO;
    } else {
        int got = 0;
        if (sp_get_config(s->port, cfg) == SP_OK && sp_get_config_baudrate(cfg, &got) == SP_OK &&
            got > 0 && (uint32_t)got != baud) {
            snprintf(msg, msg_len, "serial port %s: baud %u not supported (the driver set %d)",
                     s->name, baud, got);
            rc = LC_ERR_ARG;
        }
    }
    sp_free_config(cfg);
    return rc;
}

int lc_serial_supported(void)
{
    return 1;
}

int lc_serial_transport(const char *port, uint32_t baud, uint32_t write_timeout_ms,
                        struct lc_transport *t, char *msg, size_t msg_len)
{
    struct serial_ctx *s;
    int fd, rc;

    rc = lc_serial_check_path(port, msg, msg_len);
    if (rc != LC_OK)
        return rc;
    s = calloc(1, sizeof *s);
    if (!s)
        return lc_errf(msg, msg_len, LC_ERR_MEM, "serial: out of memory");
    snprintf(s->name, sizeof s->name, "%s", port);
    s->write_timeout_ms = write_timeout_ms;
    if (sp_get_port_by_name(port, &s->port) != SP_OK) {
        char *m = sp_last_error_message();
        rc = lc_errf(msg, msg_len, LC_ERR_NOTFOUND,
                     "serial port %s: not a serial port known to libserialport (%s)", port,
                     m ? m : "?");
        sp_free_error_message(m);
        s->port = NULL;
        serial_close(s);
        return rc;
    }
    errno = 0;
    if (sp_open(s->port, SP_MODE_READ_WRITE) != SP_OK) {
        int e = errno;
        rc = lc_serial_errno_code(e);
        if (e == EACCES || e == EPERM)
            lc_errf(msg, msg_len, rc,
                    "serial port %s: permission denied (add your user to the group that "
                    "owns it, e.g. dialout)",
                    port);
        else if (rc == LC_ERR_BUSY)
            lc_errf(msg, msg_len, rc, "serial port %s is busy (in use by another program)", port);
        else
            lc_errf(msg, msg_len, rc, "serial port %s: cannot open: %s", port, strerror(e));
        sp_free_port(s->port);
        s->port = NULL;
        serial_close(s);
        return rc;
    }
    if (sp_get_port_handle(s->port, &fd) == SP_OK && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        rc = lc_errf(msg, msg_len, LC_ERR_BUSY,
                     "serial port %s is busy (another lifcore process holds it)", port);
        serial_close(s);
        return rc;
    }
    rc = configure(s, baud, msg, msg_len);
    if (rc != LC_OK) {
        serial_close(s);
        return rc;
    }
    sp_flush(s->port, SP_BUF_BOTH);

    memset(t, 0, sizeof *t);
    t->ctx = s;
    t->name = s->name;
    t->write = serial_write;
    t->read = serial_read;
    t->close = serial_close;
    t->baud = baud;
    return LC_OK;
}

LC_API int lc_list_ports(char ***names, size_t *count)
{
    struct sp_port **ports = NULL;
    char **list;
    size_t n = 0, i;
    if (names)
        *names = NULL;
    if (count)
        *count = 0;
    if (!names)
        return LC_ERR_ARG;
    if (sp_list_ports(&ports) != SP_OK)
        return LC_ERR_IO;
    while (ports[n])
        n++;
    list = calloc(n + 1, sizeof *list);
    if (!list) {
        sp_free_port_list(ports);
        return LC_ERR_MEM;
    }
    for (i = 0; i < n; i++) {
        list[i] = strdup(sp_get_port_name(ports[i]));
        if (!list[i]) {
            sp_free_port_list(ports);
            lc_free_ports(list);
            return LC_ERR_MEM;
        }
    }
    sp_free_port_list(ports);
    *names = list;
    if (count)
        *count = n;
    return LC_OK;
}

#else /* !LC_HAVE_SERIALPORT */

int lc_serial_supported(void)
{
    return 0;
}

int lc_serial_transport(const char *port, uint32_t baud, uint32_t write_timeout_ms,
                        struct lc_transport *t, char *msg, size_t msg_len)
{
    (void)baud;
    (void)write_timeout_ms;
    (void)t;
    return lc_errf(msg, msg_len, LC_ERR_UNSUPPORTED,
                   "serial port %s: this liblifcore was built without libserialport", port);
}

LC_API int lc_list_ports(char ***names, size_t *count)
{
    if (names)
        *names = NULL;
    if (count)
        *count = 0;
    return names ? LC_ERR_UNSUPPORTED : LC_ERR_ARG;
}

#endif

LC_API void lc_free_ports(char **names)
{
    size_t i;
    if (!names)
        return;
    for (i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}
