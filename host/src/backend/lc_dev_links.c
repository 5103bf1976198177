/* lc_dev_links.c : the backend table's entries that reach a board over a byte pipe
 * 'sim', 'emu' and 'serial:PORT' each read their options, open their transport
 * (transport/) and hand it to the wire backend (lc_dev_wire.c), which owns it from
 * then on. A new transport gets its entry here and a row in api/lc_device.c.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lc_dev.h"
#include "lc_emu.h"
#include "lc_serial.h"
#include "lc_sim.h"

/* The sim entry's options and transport, without the protocol on top. */
static int sim_transport(struct lc_opts *opts, struct lc_transport *t, uint64_t *timeout,
                         uint64_t *ncores, char *msg, size_t msg_len)
{
    char simopts[768] = "";
    const char *lib, *v;
    static const char *pass[] = {"ber", "drop", "seed", "trace"};
    uint64_t timeout_ms = 500, seed = 0, cores = 1;
    double x = 0;
    size_t i;
    int rc;

    /* options: checked here, the fault options passed on to lcsim_open */
    rc = lc_opts_double(opts, "ber", 0, 1, &x, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_double(opts, "drop", 0, 1, &x, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "seed", 0, UINT64_MAX, &seed, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "timeout_ms", 1, 3600000, &timeout_ms, msg, msg_len);
    if (rc == LC_OK) /* a board of a system of cores (the link's target field: 1..15) */
        rc = lc_opts_u64(opts, "cores", 1, 15, &cores, msg, msg_len);
    lib = lc_opts_get(opts, "lib");
    lc_opts_get(opts, "trace");
    if (rc == LC_OK)
        rc = lc_opts_check_unused(opts, "sim", "ber, drop, seed, trace, lib, timeout_ms, cores", msg,
                                  msg_len);
    if (rc != LC_OK) {
        char m[LC_DETAIL_LEN - 24];
        snprintf(m, sizeof m, "%s", msg);
        snprintf(msg, msg_len, "sim: %s", m);
        return rc;
    }
    for (i = 0; i < sizeof pass / sizeof pass[0]; i++)
        if ((v = lc_opts_get(opts, pass[i])) != NULL) {
            size_t len = strlen(simopts);
            snprintf(simopts + len, sizeof simopts - len, "%s%s=%s", len ? "&" : "", pass[i], v);
        }
    *timeout = timeout_ms;
    *ncores = cores;
    return lc_sim_transport(lib, (unsigned)cores, simopts, t, msg, msg_len);
}

int lc_dev_sim_open(struct lc_device *dev, const char *arg, struct lc_opts *opts)
{
    struct lc_transport t;
    char msg[LC_DETAIL_LEN - 16];
    uint64_t timeout_ms = 500, cores = 1;
    int rc;

    (void)arg;
    rc = sim_transport(opts, &t, &timeout_ms, &cores, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "%s", msg);
    rc = lc_dev_wire_open(dev, &t, "sim", (uint32_t)timeout_ms);
    if (rc == LC_OK && dev->info.n_cores != cores) {
        rc = lc_dev_fail(dev, LC_ERR_ARG,
                         "sim: cores=%" PRIu64 " asked, but the model loaded has %" PRIu32
                         " core%s (check lib= or LIFCORE_SIM_LIB%s)",
                         cores, dev->info.n_cores, dev->info.n_cores == 1 ? "" : "s",
                         cores > 1 ? "_C<cores>" : ""); /* lc_open closes it */
    }
    return rc;
}

int lc_dev_serial_open(struct lc_device *dev, const char *port, struct lc_opts *opts)
{
    struct lc_transport t;
    uint64_t baud = 3000000, timeout_ms = 500, pty = 0;
    char msg[LC_DETAIL_LEN - 16];
    int rc;

    if (lc_opts_u64(opts, "pty", 0, 1, &pty, msg, sizeof msg) != LC_OK)
        return lc_dev_fail(dev, LC_ERR_ARG, "serial: %s", msg);
    if (!pty && !lc_serial_supported()) { /* LC_ERR_UNSUPPORTED, whatever the options say */
        rc = lc_serial_transport(port, 0, 0, &t, msg, sizeof msg);
        return lc_dev_fail(dev, rc, "%s", msg);
    }
    rc = lc_opts_u64(opts, "baud", 300, 12000000, &baud, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "timeout_ms", 1, 600000, &timeout_ms, msg, sizeof msg);
    if (rc == LC_OK)
        rc = lc_opts_check_unused(opts, "serial", "baud, timeout_ms, pty", msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "serial: %s", msg);
    if (pty)
        rc = lc_serial_pty_transport(port, (uint32_t)baud, (uint32_t)timeout_ms, &t, msg,
                                     sizeof msg);
    else
        rc = lc_serial_transport(port, (uint32_t)baud, (uint32_t)timeout_ms, &t, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "%s", msg);
    return lc_dev_wire_open(dev, &t, "serial", (uint32_t)timeout_ms);
}

/* The emu entry's options and transport, without the protocol on top. */
static int emu_transport(struct lc_opts *opts, struct lc_transport *t, uint64_t *timeout,
                         char *msg, size_t msg_len)
{
    struct lc_emu_opts o;
    uint64_t n, m, p, rxb, txb, baud, seed, timeout_ms = 500, version;
    int rc;
    lc_emu_defaults(&o);
    n = o.n, m = o.m, p = o.p, rxb = o.rxb, txb = o.txb, baud = o.baud, seed = o.seed;
    version = o.protocol;
    rc = lc_opts_u64(opts, "n", 1, 4096, &n, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "m", 1, 4096, &m, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "p", 1, 64, &p, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "rxb", 600, 65535, &rxb, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "txb", 600, 65535, &txb, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "baud", 300, 100000000, &baud, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "seed", 0, UINT64_MAX, &seed, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "timeout_ms", 1, 600000, &timeout_ms, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_u64(opts, "version", 0, 255, &version, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_double(opts, "ber", 0, 0.01, &o.ber, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_double(opts, "drop", 0, 0.01, &o.drop, msg, msg_len);
    if (rc == LC_OK)
        rc = lc_opts_check_unused(opts, "emu",
                                  "n, m, p, rxb, txb, baud, seed, timeout_ms, version, ber, drop",
                                  msg, msg_len);
    if (rc != LC_OK) {
        char m2[LC_DETAIL_LEN - 24];
        snprintf(m2, sizeof m2, "%s", msg);
        snprintf(msg, msg_len, "emu: %s", m2);
        return rc;
    }
    o.n = (uint32_t)n;
    o.m = (uint32_t)m;
    o.p = (uint32_t)p;
    o.rxb = (uint32_t)rxb;
    o.txb = (uint32_t)txb;
    o.baud = (uint32_t)baud;
    o.seed = seed;
    o.protocol = (uint32_t)version;
    *timeout = timeout_ms;
    rc = lc_emu_transport(&o, t);
    if (rc != LC_OK)
        snprintf(msg, msg_len, "emu: cannot create the emulator: %s", lc_strerror(rc));
    return rc;
}

int lc_dev_emu_open(struct lc_device *dev, const char *arg, struct lc_opts *opts)
{
    struct lc_transport t;
    uint64_t timeout_ms = 500;
    char msg[LC_DETAIL_LEN - 16];
    int rc;
    (void)arg;
    rc = emu_transport(opts, &t, &timeout_ms, msg, sizeof msg);
    if (rc != LC_OK)
        return lc_dev_fail(dev, rc, "%s", msg);
    return lc_dev_wire_open(dev, &t, "emu", (uint32_t)timeout_ms);
}

int lc_dev_link_transport(const char *device, struct lc_transport *t, char *msg, size_t msg_len)
{
    struct lc_opts opts;
    char head[64];
    const char *q = strchr(device, '?');
    size_t hlen = q ? (size_t)(q - device) : strlen(device);
    uint64_t timeout_ms = 500, cores = 1;
    int rc;

    if (hlen >= sizeof head) {
        snprintf(msg, msg_len, "serve: device '%.40s...' is not sim or emu", device);
        return LC_ERR_ARG;
    }
    memcpy(head, device, hlen);
    head[hlen] = '\0';
    rc = lc_opts_parse(q ? q + 1 : NULL, &opts, msg, msg_len);
    if (rc != LC_OK)
        return LC_ERR_ARG;
    if (strcmp(head, "sim") == 0)
        return sim_transport(&opts, t, &timeout_ms, &cores, msg, msg_len);
    if (strcmp(head, "emu") == 0)
        return emu_transport(&opts, t, &timeout_ms, msg, msg_len);
    snprintf(msg, msg_len, "serve: device '%s' cannot be served (expected sim or emu, with "
             "options after '?')", head);
    return LC_ERR_ARG;
}
