// test_board.cpp : lc_board end to end through its UART pins (sim/liblcsim.so, dlopen)
// Speaks docs/protocol.md with tests/rtl/lc_hostlink.h: identify, register and weight
// blocks written and read back, random networks stepped against the C reference model
// (clean wire and with bit errors and byte loss), session restart, garbage, link efficiency.
// SPDX-License-Identifier: MIT

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "lc_hostlink.h"
#include "lc_random.h"
#include "lc_ref.h"

namespace {

int g_pass = 0, g_fail = 0;
bool g_verbose = false;

void report(const char *name, bool ok, const std::string &detail = "") {
    std::printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, detail.empty() ? "" : ": ", detail.c_str());
    (ok ? g_pass : g_fail)++;
}

std::string fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *f, ...) {
    char b[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(b, sizeof b, f, ap);
    va_end(ap);
    return b;
}

uint32_t clog2(uint32_t v) {
    uint32_t r = 0;
    while ((1u << r) < v) r++;
    return r;
}

// one board model and a session on it
struct Board {
    SimLib &lib;
    lcsim *h = nullptr;
    HostLink *link = nullptr;
    struct lcsim_info info {};
    uint32_t n = 0, m = 0, p = 0, lw = 0, rww = 0, ibn = 1, ibm = 1, nb = 0, mb = 0;
    std::string err;

    Board(SimLib &l, const char *opts) : lib(l) {
        h = lib.open(opts);
        if (!h) {
            err = lib.error();
            return;
        }
        lib.info(h, &info);
        n = info.n; m = info.m; p = info.p;
        uint32_t rw = (n + p - 1) / p;
        lw = p > 1 ? clog2(p) : 1;
        rww = rw > 1 ? clog2(rw) : 1;
        ibn = n > 256 ? 2 : 1;
        ibm = m > 256 ? 2 : 1;
        nb = (n + 7) / 8;
        mb = (m + 7) / 8;
        link = new HostLink(lib, h);
    }
    ~Board() {
        delete link;
        if (h) lib.close(h);
    }

    uint32_t syn_addr(uint32_t row, uint32_t col) const {
        return (4u << 24) | (row << (rww + lw)) | ((col / p) << lw) | (col % p);
    }
    uint32_t row_words() const { return ((n + p - 1) / p) << lw; }   // addresses per row

    static void put_le(std::vector<uint8_t> &v, uint32_t x, int bytes) {
        for (int i = 0; i < bytes; i++) v.push_back(uint8_t(x >> (8 * i)));
    }
    void write(uint32_t addr, int b, uint8_t stride, const std::vector<uint32_t> &vals) {
        std::vector<uint8_t> c{uint8_t(0xFB + b)};
        put_le(c, addr, 4);
        c.push_back(stride);
        put_le(c, uint32_t(vals.size()), 2);
        for (uint32_t v : vals) put_le(c, v, b);
        link->send(c);
    }
    void read_cmd(uint32_t addr, int b, uint8_t stride, uint32_t count) {
        std::vector<uint8_t> c{uint8_t(0xF7 + b)};
        put_le(c, addr, 4);
        c.push_back(stride);
        put_le(c, count, 2);
        link->send(c);
    }
    // the answer of a READ, sign-extended from b bytes when sign is set
    bool read_answer(int b, uint32_t count, std::vector<uint32_t> &out, bool sign = false) {
        if (!link->need(3)) return false;
        uint8_t op = link->get();
        uint32_t cnt = link->get_le(2);
        if (op != 0xF7 + b || cnt != count) {
            err = fmt("READ answer header %02x count %u, expected %02x %u", op, cnt, 0xF7 + b, count);
            return false;
        }
        out.clear();
        for (uint32_t i = 0; i < count; i++) {
            if (!link->need(size_t(b))) return false;
            uint32_t v = link->get_le(b);
            if (sign && b < 4 && (v >> (8 * b - 1)) & 1) v |= ~0u << (8 * b);
            out.push_back(v);
        }
        return true;
    }
    std::vector<uint32_t> read(uint32_t addr, int b, uint8_t stride, uint32_t count, bool sign = false) {
        read_cmd(addr, b, stride, count);
        std::vector<uint32_t> v;
        if (!read_answer(b, count, v, sign)) {
            if (err.empty()) err = "READ answer never came";
        }
        return v;
    }
    bool sync(uint8_t tag) {
        link->send({0xF2, tag});
        if (!link->need(2)) return false;
        uint8_t a = link->get(), t = link->get();
        if (a != 0xF2 || t != tag) {
            err = fmt("SYNC echo %02x %02x, expected f2 %02x", a, t, tag);
            return false;
        }
        return true;
    }

    // one STEP record, the shorter encoding
    std::vector<uint8_t> step_record(const std::vector<uint32_t> &idx) const {
        std::vector<uint8_t> r;
        if (idx.size() * ibm < mb && idx.size() < 240) {
            r.push_back(uint8_t(idx.size()));
            for (uint32_t i : idx) put_le(r, i, int(ibm));
        } else {
            r.push_back(0xF0);
            std::vector<uint8_t> bm(mb, 0);
            for (uint32_t i : idx) bm[i / 8] |= uint8_t(1u << (i % 8));
            r.insert(r.end(), bm.begin(), bm.end());
        }
        return r;
    }
    // one output record; false on a malformed record
    bool output_record(std::vector<uint32_t> &out, size_t *bytes = nullptr) {
        out.clear();
        if (!link->need(1)) return false;
        uint8_t h0 = link->get();
        if (h0 < 0xF0) {
            if (!link->need(size_t(h0) * ibn)) return false;
            for (int k = 0; k < h0; k++) out.push_back(link->get_le(int(ibn)));
            if (h0 * ibn >= nb) { err = "list record not shorter than a bitmap"; return false; }
            if (bytes) *bytes = 1 + size_t(h0) * ibn;
        } else if (h0 == 0xF0) {
            if (!link->need(nb)) return false;
            for (uint32_t b = 0; b < nb; b++) {
                uint8_t x = link->get();
                for (int k = 0; k < 8; k++)
                    if (x >> k & 1) out.push_back(b * 8 + uint32_t(k));
            }
            if (out.size() * ibn < nb && out.size() < 240) { err = "bitmap record where a list is shorter"; return false; }
            if (bytes) *bytes = 1 + nb;
        } else {
            err = fmt("expected an output record, got item %02x", h0);
            return false;
        }
        return true;
    }
};

// ---------------------------------------------------------------------------
void test_identify(Board &b) {
    b.link->send({0xF1});
    bool ok = b.link->need(25);
    std::string d;
    if (ok) {
        uint8_t v[25];
        for (auto &x : v) x = b.link->get();
        auto le = [&](int o, int k) { uint32_t r = 0; for (int i = 0; i < k; i++) r |= uint32_t(v[1 + o + i]) << (8 * i); return r; };
        ok = v[0] == 0xF1 && v[1] == 1 && v[2] == 7 && le(2, 2) == b.n && le(4, 2) == b.m && v[7] == b.p &&
             v[8] == 255 && le(8, 4) == b.info.clk_hz && le(12, 4) == b.info.baud && le(16, 2) == b.info.rxb &&
             le(18, 2) == b.info.txb;
        d = fmt("version %u N %u M %u P %u clk %u baud %u rxb %u txb %u timeout %u us", v[1], le(2, 2),
                le(4, 2), v[7], le(8, 4), le(12, 4), le(16, 2), le(18, 2), le(20, 2));
    } else {
        d = "no answer";
    }
    report("test_identify_reports_geometry_clock_baud", ok, d);
    auto ver = b.read(0x23, 4, 1, 1);
    report("test_read_core_version_register", ver.size() == 1 && ver[0] == 0x00010000,
           ver.empty() ? b.err : fmt("0x%08x", ver[0]));
}

void test_core_registers(Board &b) {
    // values inside the contract's ranges, signed ones included
    const std::vector<uint32_t> core = {11, uint32_t(-12345), 777, 4000, 13, 4096, 65535, 1, 0};
    const std::vector<uint32_t> in = {200, 17, 9, 31, uint32_t(-100), 99};
    const std::vector<uint32_t> rec = {1, 255, 0, 12, uint32_t(-128), 127};
    b.write(0x00, 4, 1, core);
    b.write(0x10, 2, 1, in);          // two bytes per value: the core takes the low bits
    b.write(0x18, 4, 1, rec);
    auto rc = b.read(0x00, 4, 1, 9);
    auto ri = b.read(0x10, 4, 1, 6);
    auto rr = b.read(0x18, 4, 1, 6);
    bool ok = rc == core && rr == rec && ri.size() == 6;
    for (size_t i = 0; ok && i < 6; i++) {
        uint32_t want = in[i];
        if (i >= 4) want = uint32_t(int32_t(int16_t(uint16_t(want))));   // B=2 written, sign-extended read
        ok = ri[i] == want;
    }
    report("test_core_registers_write_then_read_back", ok, ok ? "" : b.err);
    // restore defaults
    b.write(0x00, 4, 1, {6, 0, 0, 0, 0, 0, 0, 0, 0});
    b.write(0x10, 1, 1, {0, 0, 0, 0, 0, 0});
    b.write(0x18, 1, 1, {0, 0, 0, 0, 0, 0});

    auto lr = b.read(0xF000000, 4, 1, 7);
    ok = lr.size() == 7 && lr[0] == 1 && lr[1] == 7 && lr[2] == b.info.clk_hz && lr[3] == b.info.baud &&
         lr[4] == b.info.rxb && lr[5] == b.info.txb;
    report("test_link_registers_constants", ok, ok ? "" : b.err);

    // unknown opcode: error item, then the stream goes on
    b.link->send({0xF5});
    bool e = b.link->need(3) && b.link->get() == 0xFE && b.link->get() == 0x01 && b.link->get() == 0xF5;
    bool s = b.sync(0x5A);
    auto bad = b.read(0xF000010, 4, 1, 1);
    report("test_unknown_opcode_answers_error_and_is_counted", e && s && bad.size() == 1 && bad[0] == 1,
           bad.empty() ? b.err : fmt("bad_cmd %u", bad[0]));
}

// load a network with block writes; the core must have been reset
void load_net(Board &b, const struct lc_net *net) {
    const struct lc_core_params &c = net->core;
    b.write(0x00, 4, 1, {uint32_t(c.w_shift), uint32_t(c.v_reset), uint32_t(c.theta_plus), uint32_t(c.d_theta),
                         uint32_t(c.dx), uint32_t(c.dy), uint32_t(c.x_imp), uint32_t(c.y_imp), uint32_t(c.learning)});
    auto stdp = [&](uint32_t a, const struct lc_stdp &s) {
        b.write(a, 1, 1, {uint32_t(s.a_plus), uint32_t(s.a_minus), uint32_t(s.s_plus), uint32_t(s.s_minus),
                          uint32_t(s.w_min), uint32_t(s.w_max)});
    };
    stdp(0x10, c.stdp_in);
    stdp(0x18, c.stdp_rec);
    for (uint32_t i = 0; i < net->n_neurons; i++) {
        const struct lc_neuron_params &q = net->neuron[i];
        b.write((1u << 24) | (i * 8), 4, 1,
                {uint32_t(q.du), uint32_t(q.dv), uint32_t(q.vth), uint32_t(q.bias), uint32_t(q.tref)});
    }
    const uint32_t nn = net->n_neurons;
    auto row = [&](uint32_t r, const int8_t *w, const uint8_t *pl) {
        std::vector<uint32_t> v(b.row_words(), 0);
        bool plastic = false;
        for (uint32_t i = 0; i < nn; i++) {
            uint32_t a = b.syn_addr(r, i) & 0xFFFFFF, base = b.syn_addr(r, 0) & 0xFFFFFF;
            v[a - base] = uint8_t(w[i]) | (pl[i] ? 0x100u : 0);
            plastic |= pl[i] != 0;
        }
        b.write(b.syn_addr(r, 0), plastic ? 2 : 1, 1, v);   // 1 byte per synapse when none is plastic
    };
    for (uint32_t k = 0; k < nn; k++) row(k, &net->w_rec[k * nn], &net->plastic_rec[k * nn]);
    for (uint32_t j = 0; j < net->n_inputs; j++) row(b.n + j, &net->w_in[j * nn], &net->plastic_in[j * nn]);
}

// compare all weights, parameters, state and input traces with the model
bool compare_all(Board &b, struct lc_ref *ref, std::string &why) {
    const struct lc_net *net = lc_ref_net(ref);
    const uint32_t nn = net->n_neurons;
    for (uint32_t r = 0; r < nn + net->n_inputs; r++) {
        uint32_t hr = r < nn ? r : b.n + (r - nn);
        auto v = b.read(b.syn_addr(hr, 0), 2, 1, b.row_words());
        if (v.size() != b.row_words()) { why = "weight read: " + b.err; return false; }
        for (uint32_t i = 0; i < nn; i++) {
            uint32_t a = (b.syn_addr(hr, i) - b.syn_addr(hr, 0));
            int8_t w = r < nn ? net->w_rec[r * nn + i] : net->w_in[(r - nn) * nn + i];
            uint8_t pl = r < nn ? net->plastic_rec[r * nn + i] : net->plastic_in[(r - nn) * nn + i];
            uint32_t want = uint8_t(w) | (pl ? 0x100u : 0);
            if ((v[a] & 0x1FF) != want) {
                why = fmt("synapse row %u col %u: board 0x%03x model 0x%03x", r, i, v[a] & 0x1FF, want);
                return false;
            }
        }
    }
    auto st = b.read(2u << 24, 4, 1, nn * 8, true);
    auto pm = b.read(1u << 24, 4, 1, nn * 8, true);
    if (st.size() != nn * 8 || pm.size() != nn * 8) { why = "state read: " + b.err; return false; }
    for (uint32_t i = 0; i < nn; i++) {
        const struct lc_neuron_state &s = lc_ref_state(ref)[i];
        const int32_t want[6] = {s.u, s.v, s.r, s.theta, s.x, s.y};
        const char *names[6] = {"u", "v", "r", "theta", "x", "y"};
        for (int f = 0; f < 6; f++)
            if (int32_t(st[i * 8 + f]) != want[f]) {
                why = fmt("neuron %u %s: board %d model %d", i, names[f], int32_t(st[i * 8 + f]), want[f]);
                return false;
            }
        const struct lc_neuron_params &q = net->neuron[i];
        const int32_t wp[5] = {q.du, q.dv, q.vth, q.bias, q.tref};
        for (int f = 0; f < 5; f++)
            if (int32_t(pm[i * 8 + f]) != wp[f]) {
                why = fmt("neuron %u parameter %d: board %d model %d", i, f, int32_t(pm[i * 8 + f]), wp[f]);
                return false;
            }
    }
    if (net->n_inputs) {
        auto xi = b.read(3u << 24, 2, 1, net->n_inputs);
        for (uint32_t j = 0; j < xi.size(); j++)
            if (int32_t(xi[j]) != lc_ref_x_in(ref)[j]) {
                why = fmt("x_in[%u]: board %u model %d", j, xi[j], lc_ref_x_in(ref)[j]);
                return false;
            }
        if (xi.size() != net->n_inputs) { why = "x_in read: " + b.err; return false; }
    }
    return true;
}

// run a random network for `steps` steps, all inputs streamed ahead; compare every step
bool run_random(Board &b, uint64_t seed, uint32_t steps, std::string &why) {
    struct lc_net *net = nullptr;
    if (lc_random_net(seed, b.n, b.m, &net) != LC_OK) { why = "lc_random_net"; return false; }
    struct lc_ref *ref = nullptr;
    lc_ref_create(net, &ref);
    b.write(0x3F, 1, 0, {0x01});                // reset state (weights: written below)
    // clear the weights of every row the network uses fully (rows beyond stay from before: zero them)
    for (uint32_t r = 0; r < b.n + b.m; r++) b.write(b.syn_addr(r, 0), 1, 1, std::vector<uint32_t>(b.row_words(), 0));
    for (uint32_t i = 0; i < b.n; i++) b.write((1u << 24) | (i * 8), 4, 1, {0, 0, 0, 0, 0});
    load_net(b, net);
    b.write(0x3F, 1, 0, {0x01});
    if (!b.sync(1)) { why = "sync after load: " + b.err; return false; }
    if (!compare_all(b, ref, why)) { why = "after load: " + why; return false; }

    const uint32_t m = net->n_inputs;
    std::vector<uint8_t> in(size_t(steps) * (m ? m : 1), 0);
    if (m) lc_random_inputs(seed + 1, m, steps, -1.0, in.data());
    std::vector<std::vector<uint32_t>> inputs(steps);
    for (uint32_t t = 0; t < steps; t++) {
        for (uint32_t j = 0; j < m; j++)
            if (in[size_t(t) * m + j]) inputs[t].push_back(j);
        b.link->send(b.step_record(inputs[t]));
    }
    std::vector<uint32_t> out_ref(net->n_neurons), out;
    bool ok = true;
    for (uint32_t t = 0; t < steps && ok; t++) {
        size_t n_out = 0;
        lc_ref_step(ref, inputs[t].data(), inputs[t].size(), out_ref.data(), &n_out);
        if (!b.output_record(out)) { why = fmt("step %u: no output record (%s)", t, b.err.c_str()); ok = false; break; }
        out_ref.resize(n_out);
        if (out != out_ref) {
            why = fmt("seed %" PRIu64 " step %u: board %zu spikes, model %zu", seed, t, out.size(), n_out);
            ok = false;
        }
        out_ref.resize(net->n_neurons);
    }
    if (ok && !compare_all(b, ref, why)) { why = fmt("seed %" PRIu64 " after %u steps: ", seed, steps) + why; ok = false; }
    lc_ref_free(ref);
    lc_net_free(net);
    return ok;
}

void test_random_networks(Board &b, const char *name, uint64_t seed0, int nets, uint32_t steps) {
    bool ok = true;
    std::string why;
    int done = 0;
    for (int k = 0; k < nets && ok; k++, done++) ok = run_random(b, seed0 + uint64_t(k), steps, why);
    report(name, ok, ok ? fmt("%d networks x %u steps, seeds %" PRIu64 "..", done, steps, seed0) : why);
}

std::vector<uint32_t> link_counters(Board &b) { return b.read(0xF000008, 4, 1, 9); }

void print_counters(Board &b, const char *when) {
    auto c = link_counters(b);
    if (c.size() != 9) return;
    std::printf("  device link counters %s: rx_ok %u crc_err %u resync %u timeout %u framing %u dup %u "
                "dropped %u retransmit %u bad_cmd %u\n",
                when, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
    HostLink &l = *b.link;
    std::printf("  host: frames %" PRIu64 " crc_err %" PRIu64 " gaps %" PRIu64 " resend %" PRIu64
                " go-back %" PRIu64 " timeouts %" PRIu64 "\n",
                l.frames_rx, l.crc_err, l.gaps, l.resends, l.goback, l.timeouts);
}

// ---------------------------------------------------------------------------
void test_garbage_and_reconnect(Board &b) {
    // garbage between frames: the device skips it and counts one resync per run
    auto c0 = link_counters(b);
    const uint8_t junk[] = {0x00, 0x11, 0xA5, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC};
    b.lib.write(b.h, junk, sizeof junk);
    b.lib.run(b.h, 200000);               // longer than the inter-byte timeout
    bool s = b.sync(7);
    auto c1 = link_counters(b);
    bool ok = s && c0.size() == 9 && c1.size() == 9 && c1[2] > c0[2] && (c1[1] + c1[3]) > (c0[1] + c0[3]);
    report("test_garbage_is_skipped_and_counted", ok,
           ok ? fmt("resync +%u, crc/timeout +%u", c1[2] - c0[2], (c1[1] + c1[3]) - (c0[1] + c0[3])) : b.err);

    // a truncated frame followed by silence: dropped by the inter-byte timeout
    const uint8_t part[] = {0xA5, 0x00, 0x00, 0x00};
    b.lib.write(b.h, part, sizeof part);
    b.lib.run(b.h, 60000);
    s = b.sync(8);
    auto c2 = link_counters(b);
    ok = s && c2.size() == 9 && c2[3] == c1[3] + 1;
    report("test_truncated_frame_dropped_by_timeout", ok, ok ? "" : b.err);

    // CONNECT in the middle of a session: both streams restart at 0, the device keeps working
    b.link->send({0xF8, 0x23, 0, 0, 0, 1, 1, 0});   // a READ whose answer the new session never sees
    ok = b.link->connect() && b.sync(9);
    auto v = b.read(0x23, 4, 1, 1);
    report("test_connect_restarts_the_session", ok && v.size() == 1 && v[0] == 0x00010000, ok ? "" : b.err);

    // clearing the link counters from inside a block write (0x3E, then 0x3F = 2): the
    // counters read zero afterwards (rx_ok counts the frames since) and the stream goes on
    b.link->send({0xF5});                               // bad_cmd, so there is something to clear
    s = b.link->need(3);
    for (int i = 0; s && i < 3; i++) b.link->get();
    b.write(0xF00003E, 1, 1, {0x00, 0x02});
    s = s && b.sync(10);
    auto c3 = link_counters(b);
    ok = s && c3.size() == 9;
    for (size_t i = 1; ok && i < 9; i++) ok = c3[i] == 0;
    auto v2 = b.read(0x23, 4, 1, 1);
    ok = ok && c3[0] < 8 && v2.size() == 1 && v2[0] == 0x00010000;
    report("test_link_counters_cleared_by_a_block_write", ok,
           c3.size() == 9 ? fmt("rx_ok %u crc_err %u bad_cmd %u", c3[0], c3[1], c3[8]) : b.err);
}

// dense and sparse streaming: payload share of the wire, bytes per spike
void test_efficiency(SimLib &lib, bool link_bound) {
    Board b(lib, "");
    if (!b.h || !b.link->connect()) { report("test_efficiency", false, "cannot open"); return; }
    // every neuron fires every step: bias above threshold, no refractory time
    for (uint32_t i = 0; i < b.n; i++) b.write((1u << 24) | (i * 8), 4, 1, {4096, 4096, 0, 1000, 0});
    b.sync(1);
    auto run = [&](const char *what, uint32_t steps, std::function<std::vector<uint32_t>(uint32_t)> gen,
                   bool expect_all) {
        HostLink &l = *b.link;
        uint64_t tx0 = l.wire_tx, ptx0 = l.payload_tx, rx0 = l.wire_rx, prx0 = l.payload_rx;
        uint64_t c0 = lib.cycles(b.h);
        uint64_t spikes_in = 0, spikes_out = 0, rec_in = 0, rec_out = 0;
        for (uint32_t t = 0; t < steps; t++) {
            auto idx = gen(t);
            spikes_in += idx.size();
            auto r = b.step_record(idx);
            rec_in += r.size();
            l.send(r);
        }
        bool ok = true;
        std::vector<uint32_t> out;
        for (uint32_t t = 0; t < steps && ok; t++) {
            size_t bytes = 0;
            ok = b.output_record(out, &bytes);
            spikes_out += out.size();
            rec_out += bytes;
            if (expect_all && out.size() != b.n) ok = false;
        }
        uint64_t cyc = lib.cycles(b.h) - c0;
        double tx = double(l.wire_tx - tx0), rx = double(l.wire_rx - rx0);
        double line = double(cyc) / (10.0 * (b.info.clk_hz / b.info.baud));   // byte slots on the line
        std::printf("  %s: %u steps, %" PRIu64 " cycles (%.0f steps/s at %.0f MHz)\n", what, steps, cyc,
                    steps / (cyc / double(b.info.clk_hz)), b.info.clk_hz / 1e6);
        std::printf("    host->board: %.0f wire bytes, payload %.1f%% of them (%.1f%% of all bits with 8N1), "
                    "records %.1f%%, line busy %.0f%%, %.3f bytes/input spike\n",
                    tx, 100.0 * double(l.payload_tx - ptx0) / tx, 80.0 * double(l.payload_tx - ptx0) / tx,
                    100.0 * double(rec_in) / tx, 100.0 * tx / line, spikes_in ? tx / double(spikes_in) : 0.0);
        std::printf("    board->host: %.0f wire bytes, payload %.1f%% of them (%.1f%% of all bits with 8N1), "
                    "records %.1f%%, line busy %.0f%%, %.3f bytes/output spike\n",
                    rx, 100.0 * double(l.payload_rx - prx0) / rx, 80.0 * double(l.payload_rx - prx0) / rx,
                    100.0 * double(rec_out) / rx, 100.0 * rx / line, spikes_out ? rx / double(spikes_out) : 0.0);
        // the busier direction: payload bytes per byte slot of the line (capacity share)
        double cap = std::max(double(l.payload_tx - ptx0), double(l.payload_rx - prx0)) / line;
        double share = std::min(double(l.payload_tx - ptx0) / tx, double(l.payload_rx - prx0) / rx);
        std::printf("    payload share of wire bytes (worse direction) %.1f%%, payload share of the busier "
                    "direction's capacity %.1f%%\n", 100 * share, 100 * cap);
        return ok ? (link_bound ? cap : share) : -1.0;
    };
    std::printf("  geometry N %u M %u, %u clocks per bit\n", b.n, b.m, b.info.clk_hz / b.info.baud);
    double dense = run("dense (all inputs, all neurons, every step)", 2000, [&](uint32_t) {
        std::vector<uint32_t> v(b.m);
        for (uint32_t j = 0; j < b.m; j++) v[j] = j;
        return v;
    }, true);
    if (link_bound)
        report("test_dense_streaming_payload_fills_at_least_80_percent_of_the_line", dense >= 0.80,
               fmt("%.1f%%", 100 * dense));
    else
        report("test_dense_streaming_core_bound_runs", dense > 0, fmt("payload share %.1f%%", 100 * dense));
    uint64_t s = 99;
    double sparse = run("sparse (each input 3% per step)", 2000, [&](uint32_t) {
        std::vector<uint32_t> v;
        for (uint32_t j = 0; j < b.m; j++)
            if (lc_random_below(&s, 100) < 3) v.push_back(j);
        return v;
    }, true);
    report("test_sparse_streaming_runs", sparse > 0, "");
}

}  // namespace

int main(int argc, char **argv) {
    const char *libpath = "build/sim/liblcsim.so";
    bool quick = false, eff_only = false;
    for (int i = 1; i < argc; i++) {
        if (!std::strcmp(argv[i], "--lib") && i + 1 < argc) libpath = argv[++i];
        else if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--efficiency")) eff_only = true;
        else if (!std::strcmp(argv[i], "-v")) g_verbose = true;
        else {
            std::printf("usage: test_board [--lib liblcsim.so] [--quick] [--efficiency]\n");
            return 2;
        }
    }
    SimLib lib;
    if (!lib.load(libpath)) {
        std::printf("FAIL test_board: cannot load %s\n0 passed, 1 failed\n", libpath);
        return 1;
    }
    if (eff_only) {
        test_efficiency(lib, true);
        std::printf("%d passed, %d failed\n", g_pass, g_fail);
        return g_fail ? 1 : 0;
    }
    {
        Board b(lib, "");
        bool ok = b.h && b.link->connect();
        report("test_connect_after_reset", ok, ok ? "" : b.err);
        if (ok) {
            test_identify(b);
            test_core_registers(b);
            test_random_networks(b, "test_random_networks_match_reference_clean_wire", 500, quick ? 2 : 6, 60);
            test_garbage_and_reconnect(b);
            print_counters(b, "(clean wire)");
        }
    }
    {
        Board b(lib, "ber=2e-4,drop=5e-4,seed=11");
        bool ok = b.h && b.link->connect();
        if (ok) {
            test_random_networks(b, "test_random_networks_match_reference_with_bit_errors_and_byte_loss", 700,
                                 quick ? 2 : 6, 60);
            auto c = link_counters(b);
            HostLink &l = *b.link;
            ok = c.size() == 9 && (c[1] + c[3] + c[6]) > 0 && l.crc_err > 0;
            print_counters(b, "(ber 2e-4, drop 5e-4)");
            report("test_faults_were_injected_detected_and_counted", ok,
                   fmt("flipped %" PRIu64 "/%" PRIu64 " bits, dropped %" PRIu64 "/%" PRIu64 " bytes",
                       lib.stat(b.h, "bits_flipped_to_board"), lib.stat(b.h, "bits_flipped_from_board"),
                       lib.stat(b.h, "bytes_dropped_to_board"), lib.stat(b.h, "bytes_dropped_from_board")));
        } else {
            report("test_connect_with_faults", false, b.err);
        }
    }
    test_efficiency(lib, false);
    std::printf("%d passed, %d failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
