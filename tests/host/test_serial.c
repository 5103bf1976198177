/* test_serial.c : the serial transport's error paths, without a board
 * A missing port (LC_ERR_NOTFOUND naming it), options (baud, timeout_ms,
 * misspelt keys), a path that is not a character device, a pseudo-terminal
 * (refused), the errno mapping of opening and locking (permission denied,
 * busy), and the port list. With LIFCORE_TEST_SERIAL=/dev/ttyXXX set to a port
 * with nothing lifcore on the other side, also the open timeout.
 * SPDX-License-Identifier: MIT
 */
#define _XOPEN_SOURCE 600 /* posix_openpt */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lc_serial.h"
#include "lifcore.h"
#include "test_util.h"

static int open_fails(const char *device, int want, const char *detail)
{
    struct lc_device *dev = (struct lc_device *)&want;
    int rc = lc_open(device, &dev);
    if (rc != want || dev != NULL || !strstr(lc_last_error(NULL), detail)) {
        printf("    lc_open(\"%s\") = %d (%s), detail \"%s\", wanted %d with \"%s\"\n", device, rc,
               lc_strerror(rc), lc_last_error(NULL), want, detail);
        lc_close(dev != (struct lc_device *)&want ? dev : NULL);
        return 1;
    }
    return 0;
}

static int test_missing_port_is_not_found(void)
{
    CHECK(open_fails("serial:/dev/ttyUSB97", LC_ERR_NOTFOUND, "/dev/ttyUSB97 not found") == 0);
    CHECK(open_fails("serial:/nonexistent/dir/tty", LC_ERR_NOTFOUND, "/nonexistent/dir/tty") ==
          0);
    return 0;
}

static int test_bad_options(void)
{
    CHECK(open_fails("serial:/dev/ttyUSB97?baud=fast", LC_ERR_ARG, "baud='fast'") == 0);
    CHECK(open_fails("serial:/dev/ttyUSB97?baud=0", LC_ERR_ARG, "baud=0 out of range") == 0);
    CHECK(open_fails("serial:/dev/ttyUSB97?baud=50000000", LC_ERR_ARG, "out of range") == 0);
    CHECK(open_fails("serial:/dev/ttyUSB97?timeout_ms=0", LC_ERR_ARG, "timeout_ms=0") == 0);
    CHECK(open_fails("serial:/dev/ttyUSB97?baudrate=9600", LC_ERR_ARG,
                     "unknown option 'baudrate'") == 0);
    return 0;
}

static int test_not_a_character_device(void)
{
    CHECK(open_fails("serial:/tmp", LC_ERR_ARG, "not a character device") == 0);
    return 0;
}

static int test_pseudo_terminal_refused(void)
{
    char dev[300];
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    CHECK(m >= 0);
    CHECK(grantpt(m) == 0 && unlockpt(m) == 0);
    snprintf(dev, sizeof dev, "serial:%s", ptsname(m));
    CHECK(open_fails(dev, LC_ERR_ARG, "pseudo-terminal") == 0);
    close(m);
    return 0;
}

static int test_not_a_serial_port(void)
{
    /* a character device that libserialport does not know as a port */
    CHECK(open_fails("serial:/dev/null", LC_ERR_NOTFOUND, "not a serial port") == 0);
    return 0;
}

static int test_errno_mapping(void)
{
    char msg[256];
    CHECK_EQ(lc_serial_errno_code(ENOENT), LC_ERR_NOTFOUND);
    CHECK_EQ(lc_serial_errno_code(ENODEV), LC_ERR_NOTFOUND);
    CHECK_EQ(lc_serial_errno_code(EBUSY), LC_ERR_BUSY);
    CHECK_EQ(lc_serial_errno_code(EWOULDBLOCK), LC_ERR_BUSY);
    CHECK_EQ(lc_serial_errno_code(EACCES), LC_ERR_IO);
    CHECK_EQ(lc_serial_errno_code(EPERM), LC_ERR_IO);
    CHECK_EQ(lc_serial_errno_code(ENOMEM), LC_ERR_MEM);
    CHECK_EQ(lc_serial_check_path("/dev/ttyUSB97", msg, sizeof msg), LC_ERR_NOTFOUND);
    if (geteuid() != 0) {
        /* a path under a directory we may not search: permission denied */
        char dir[64], p[96];
        snprintf(dir, sizeof dir, "/tmp/lc_noperm_%d", (int)getpid());
        snprintf(p, sizeof p, "%s/tty", dir);
        CHECK(mkdir(dir, 0) == 0);
        CHECK_EQ(lc_serial_check_path(p, msg, sizeof msg), LC_ERR_IO);
        CHECK(strstr(msg, "permission denied") != NULL);
        rmdir(dir);
    }
    return 0;
}

static int test_list_ports(void)
{
    char **names = (char **)&names;
    size_t n = 99, i;
    int rc = lc_list_ports(&names, &n);
    CHECK(rc == LC_OK || rc == LC_ERR_UNSUPPORTED);
    if (rc == LC_OK) {
        CHECK(names != NULL);
        for (i = 0; i < n; i++)
            CHECK(names[i] != NULL);
        CHECK(names[n] == NULL);
    }
    lc_free_ports(names);
    lc_free_ports(NULL);
    CHECK_EQ(lc_list_ports(NULL, NULL), LC_ERR_ARG);
    return 0;
}

static int test_silent_port_times_out(void)
{
    const char *port = getenv("LIFCORE_TEST_SERIAL");
    char dev[300];
    if (!port || !*port)
        return 0; /* needs a real port; see the header */
    snprintf(dev, sizeof dev, "serial:%s?timeout_ms=200&baud=115200", port);
    CHECK(open_fails(dev, LC_ERR_TIMEOUT, "no answer to CONNECT") == 0);
    return 0;
}

int main(void)
{
    RUN(test_missing_port_is_not_found);
    RUN(test_bad_options);
    RUN(test_not_a_character_device);
    RUN(test_pseudo_terminal_refused);
    RUN(test_not_a_serial_port);
    RUN(test_errno_mapping);
    RUN(test_list_ports);
    RUN(test_silent_port_times_out);
    return tu_summary("serial");
}
