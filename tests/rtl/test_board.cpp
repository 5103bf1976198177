// test_board.cpp : lc_board end to end through its UART pins (liblcsim.so, dlopen)
// Speaks docs/protocol.md through the host library's own protocol engine (lc_link over a
// transport on the board's pins): identify, register and weight blocks written and read
// back, random networks stepped against the C reference model (clean wire and with bit
// errors and byte loss), session restart, garbage, link efficiency.
// SPDX-License-Identifier: MIT

#include <dlfcn.h>

#include <algorithm>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

extern "C" {
#include "lc_geom.h"
#include "lc_link.h"
#include "lc_random.h"
#include "lc_ref.h"
#include "lifcore_board.h"
}

namespace {

// facts of the address map and the protocol (lifcore_map.h, from rtl/include/lc_map.toml)
constexpr uint32_t ALL_FEATURES = LC_FEATURE_STDP | LC_FEATURE_HOMEOSTASIS | LC_FEATURE_STREAMING;
constexpr uint32_t PLASTIC = 1u << LC_SYN_PLASTIC_BIT;        // the plasticity bit of a synapse
constexpr uint32_t SYN_MASK = (PLASTIC << 1) - 1;             // {plastic, w}
constexpr uint32_t CMD = LC_REG_CORE + LC_CORE_CMD;           // the core's command register
constexpr uint32_t VERSION = LC_REG_CORE + LC_CORE_VERSION;   // the core's version register
constexpr uint32_t CORE_NPARAMS = LC_CORE_LEARNING + 1 - LC_CORE_W_SHIFT;   // w_shift..learning
constexpr uint32_t LINK_NCONST = LC_LINK_RX_TIMEOUT_US + 1 - LC_LINK_VERSION;
// index of a link counter in what link_counters() returns
constexpr uint32_t CNT(uint32_t reg) { return reg - LC_LINK_COUNTERS; }

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

// the C ABI of lifcore_board.h, resolved at run time
struct SimLib {
    void *so = nullptr;
    lcsim *(*open)(const char *) = nullptr;
    void (*close)(lcsim *) = nullptr;
    int (*info)(const lcsim *, struct lcsim_info *) = nullptr;
    int (*write)(lcsim *, const uint8_t *, size_t) = nullptr;
    long (*read)(lcsim *, uint8_t *, size_t, uint64_t) = nullptr;
    int (*run)(lcsim *, uint64_t) = nullptr;
    uint64_t (*cycles)(const lcsim *) = nullptr;
    uint64_t (*stat)(const lcsim *, const char *) = nullptr;
    const char *(*error)(void) = nullptr;

    bool load(const char *path) {
        so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!so) {
            std::fprintf(stderr, "dlopen %s: %s\n", path, dlerror());
            return false;
        }
#define LCSYM(f, name) f = reinterpret_cast<decltype(f)>(dlsym(so, name)); if (!f) return false;
        LCSYM(open, "lcsim_open") LCSYM(close, "lcsim_close") LCSYM(info, "lcsim_info")
        LCSYM(write, "lcsim_write") LCSYM(read, "lcsim_read") LCSYM(run, "lcsim_run")
        LCSYM(cycles, "lcsim_cycles") LCSYM(stat, "lcsim_stat") LCSYM(error, "lcsim_error")
#undef LCSYM
        return true;
    }
};

// one board model, and a session of the library's link engine on it
struct Board {
    SimLib &lib;
    lcsim *h = nullptr;
    struct lc_link *link = nullptr;
    struct lcsim_info info {};
    struct lc_geom g {};
    uint32_t n = 0, m = 0, p = 0, ibn = 1, ibm = 1, nb = 0, mb = 0;
    std::string err;

    Board(SimLib &l, const char *opts) : lib(l) {
        h = lib.open(opts);
        if (!h) {
            err = lib.error();
            return;
        }
        lib.info(h, &info);
        n = info.n; m = info.m; p = info.p;
        lc_geom_init(&g, n, m, p);
        ibn = n > 256 ? 2 : 1;
        ibm = m > 256 ? 2 : 1;
        nb = (n + 7) / 8;
        mb = (m + 7) / 8;
    }
    ~Board() {
        if (link) lc_link_free(link);
        if (h) lib.close(h);
    }

    // the byte pipe on the board's UART pins (as the library's sim transport); the board
    // stays the test's, so that it can be given bytes behind the link's back
    static int t_write(void *ctx, const uint8_t *buf, size_t len, char *e, size_t e_len) {
        Board *b = static_cast<Board *>(ctx);
        if (b->lib.write(b->h, buf, len) == 0) return LC_OK;
        std::snprintf(e, e_len, "lcsim_write: %s", b->lib.error());
        return LC_ERR_IO;
    }
    static int t_read(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint64_t timeout_us, char *e,
                      size_t e_len) {
        Board *b = static_cast<Board *>(ctx);
        long r = b->lib.read(b->h, buf, cap, timeout_us * b->info.clk_hz / 1000000u);
        *got = r > 0 ? size_t(r) : 0;
        if (r >= 0) return LC_OK;
        std::snprintf(e, e_len, "lcsim_read: %s", b->lib.error());
        return LC_ERR_IO;
    }
    static uint64_t t_now(void *ctx) {
        Board *b = static_cast<Board *>(ctx);
        return b->lib.cycles(b->h) * 1000000000u / b->info.clk_hz;
    }
    static uint64_t t_cycles(void *ctx) {
        Board *b = static_cast<Board *>(ctx);
        return b->lib.cycles(b->h);
    }
    static void t_close(void *) {}

    // (re)connect: a new session (CONNECT, IDENTIFY, the geometry registers)
    bool connect() {
        if (link) lc_link_free(link);
        link = nullptr;
        struct lc_transport t {};
        t.ctx = this;
        t.name = "board";
        t.write = t_write;
        t.read = t_read;
        t.now_ns = t_now;
        t.cycles = t_cycles;
        t.close = t_close;
        t.baud = info.baud;
        t.clock_hz = info.clk_hz;
        char e[512];
        if (lc_link_open(&t, 2000, &link, e, sizeof e) != LC_OK) {
            err = e;
            link = nullptr;
            return false;
        }
        return true;
    }
    const struct lc_link_counts &counts() const { return *lc_link_counts(link); }

    uint32_t syn_addr(uint32_t row, uint32_t col) const { return lc_syn_addr(&g, row, col); }
    uint32_t row_words() const { return lc_row_words(&g); }   // addresses per row

    bool check(int rc) {
        if (rc != LC_OK && err.empty()) err = lc_link_error(link);
        return rc == LC_OK;
    }
    void write(uint32_t addr, int b, uint8_t stride, const std::vector<uint32_t> &vals) {
        check(lc_link_write(link, addr, stride, uint32_t(vals.size()), unsigned(b), vals.data()));
    }
    // values of a READ (empty on failure), sign-extended from b bytes when sign is set
    std::vector<uint32_t> read(uint32_t addr, int b, uint8_t stride, uint32_t count, bool sign = false) {
        std::vector<uint32_t> v(count);
        if (!check(lc_link_read(link, addr, stride, count, unsigned(b), v.data())) || !check(lc_link_sync(link)))
            return {};
        if (sign && b < 4)
            for (auto &x : v)
                if ((x >> (8 * b - 1)) & 1) x |= ~0u << (8 * b);
        return v;
    }
    bool sync() { return check(lc_link_sync(link)); }

    // bytes of the STEP record of k inputs: the shorter encoding, as lc_link sends it
    size_t step_record_len(size_t k) const { return k * ibm < mb && k < 240 ? 1 + k * ibm : 1 + mb; }

    // steps through lc_link_stream: inputs from gen, each output record to out
    // (its indices and its encoding: list or bitmap); false on failure
    struct Stream {
        Board *b;
        std::function<std::vector<uint32_t>(uint64_t)> gen;
        std::function<bool(uint64_t, const std::vector<uint32_t> &, size_t)> out;
        std::string why;
        uint64_t lists = 0, bitmaps = 0;
    };
    static int s_input(void *user, uint64_t step, uint32_t *idx, size_t cap, size_t *count) {
        Stream *s = static_cast<Stream *>(user);
        auto v = s->gen(step);
        if (v.size() > cap) return -1;
        std::copy(v.begin(), v.end(), idx);
        *count = v.size();
        return 0;
    }
    static int s_output(void *user, uint64_t step, const uint32_t *idx, size_t count) {
        Stream *s = static_cast<Stream *>(user);
        Board &b = *s->b;
        const struct lc_link_counts &c = b.counts();
        bool list = c.out_lists > s->lists;
        s->lists = c.out_lists;
        s->bitmaps = c.out_bitmaps;
        // the device sends the shorter record (docs/protocol.md), a bitmap when equal
        if (list && count * b.ibn >= b.nb) { s->why = "list record not shorter than a bitmap"; return -1; }
        if (!list && count * b.ibn < b.nb && count < 240) { s->why = "bitmap record where a list is shorter"; return -1; }
        size_t bytes = list ? 1 + count * b.ibn : 1 + b.nb;
        return s->out(step, std::vector<uint32_t>(idx, idx + count), bytes) ? 0 : -1;
    }
    bool stream(uint64_t steps, Stream &s) {
        s.b = this;
        s.lists = counts().out_lists;
        s.bitmaps = counts().out_bitmaps;
        int rc = lc_link_stream(link, steps, s_input, s_output, &s);
        if (rc != LC_OK && s.why.empty()) s.why = lc_link_error(link);
        return rc == LC_OK;
    }
};

// ---------------------------------------------------------------------------
void test_identify(Board &b) {
    // the IDENTIFY answer of the session's start, as the link engine parsed it
    const struct lc_link_geom *g = lc_link_geom(b.link);
    bool ok = g->protocol == LC_PROTOCOL_VERSION_CORE && g->features == ALL_FEATURES && g->n == b.n && g->m == b.m && g->p == b.p &&
              g->max_payload == LC_MAX_PAYLOAD && g->clk_hz == b.info.clk_hz && g->baud == b.info.baud &&
              g->rxb == b.info.rxb && g->txb == b.info.txb;
    std::string d = fmt("version %u N %u M %u P %u clk %u baud %u rxb %u txb %u timeout %u us", g->protocol,
                        g->n, g->m, g->p, g->clk_hz, g->baud, g->rxb, g->txb, g->rx_timeout_us);
    report("test_identify_reports_geometry_clock_baud", ok, d);
    auto ver = b.read(VERSION, 4, 1, 1);
    report("test_read_core_version_register", ver.size() == 1 && ver[0] == LC_CORE_VERSION_VALUE,
           ver.empty() ? b.err : fmt("0x%08x", ver[0]));
}

void test_core_registers(Board &b) {
    // values inside the contract's ranges, signed ones included
    const std::vector<uint32_t> core = {11, uint32_t(-12345), 777, 4000, 13, 4096, 65535, 1, 0};
    const std::vector<uint32_t> in = {200, 17, 9, 31, uint32_t(-100), 99};
    const std::vector<uint32_t> rec = {1, 255, 0, 12, uint32_t(-128), 127};
    b.write(LC_REG_CORE + LC_CORE_W_SHIFT, 4, 1, core);
    b.write(LC_REG_CORE + LC_CORE_STDP_IN, 2, 1, in);   // two bytes per value: the core takes the low bits
    b.write(LC_REG_CORE + LC_CORE_STDP_REC, 4, 1, rec);
    auto rc = b.read(LC_REG_CORE + LC_CORE_W_SHIFT, 4, 1, CORE_NPARAMS);
    auto ri = b.read(LC_REG_CORE + LC_CORE_STDP_IN, 4, 1, LC_STDP_COUNT);
    auto rr = b.read(LC_REG_CORE + LC_CORE_STDP_REC, 4, 1, LC_STDP_COUNT);
    bool ok = rc == core && rr == rec && ri.size() == LC_STDP_COUNT;
    for (size_t i = 0; ok && i < LC_STDP_COUNT; i++) {
        uint32_t want = in[i];
        if (i >= LC_STDP_W_MIN) want = uint32_t(int32_t(int16_t(uint16_t(want))));   // B=2 written, sign-extended read
        ok = ri[i] == want;
    }
    report("test_core_registers_write_then_read_back", ok, ok ? "" : b.err);
    // restore defaults
    b.write(LC_REG_CORE + LC_CORE_W_SHIFT, 4, 1, {6, 0, 0, 0, 0, 0, 0, 0, 0});
    b.write(LC_REG_CORE + LC_CORE_STDP_IN, 1, 1, {0, 0, 0, 0, 0, 0});
    b.write(LC_REG_CORE + LC_CORE_STDP_REC, 1, 1, {0, 0, 0, 0, 0, 0});

    auto lr = b.read(LC_REG_LINK + LC_LINK_VERSION, 4, 1, LINK_NCONST);
    ok = lr.size() == LINK_NCONST && lr[LC_LINK_VERSION] == LC_PROTOCOL_VERSION_CORE &&
         lr[LC_LINK_FEATURES] == ALL_FEATURES && lr[LC_LINK_CLK_HZ] == b.info.clk_hz &&
         lr[LC_LINK_BAUD] == b.info.baud && lr[LC_LINK_RXB] == b.info.rxb && lr[LC_LINK_TXB] == b.info.txb;
    report("test_link_registers_constants", ok, ok ? "" : b.err);

    // unknown opcode: error item (FE, code 1, the opcode), then the stream goes on
    const uint8_t bad_op = 0xF5;
    uint32_t answer[2] = {0, 0};
    bool e = b.check(lc_link_refused(b.link, &bad_op, 1, answer));
    bool s = b.sync();
    e = e && s && answer[0] == LC_ITEM_ERR_BAD_OP && answer[1] == bad_op;
    auto bad = b.read(LC_REG_LINK + LC_LINK_BAD_CMD, 4, 1, 1);
    report("test_unknown_opcode_answers_error_and_is_counted", e && s && bad.size() == 1 && bad[0] == 1,
           bad.empty() ? b.err : fmt("bad_cmd %u", bad[0]));
}

// load a network with block writes; the core must have been reset
void load_net(Board &b, const struct lc_net *net) {
    const struct lc_core_params &c = net->core;
    b.write(LC_REG_CORE + LC_CORE_W_SHIFT, 4, 1, {uint32_t(c.w_shift), uint32_t(c.v_reset), uint32_t(c.theta_plus), uint32_t(c.d_theta),
                         uint32_t(c.dx), uint32_t(c.dy), uint32_t(c.x_imp), uint32_t(c.y_imp), uint32_t(c.learning)});
    auto stdp = [&](uint32_t a, const struct lc_stdp &s) {
        b.write(a, 1, 1, {uint32_t(s.a_plus), uint32_t(s.a_minus), uint32_t(s.s_plus), uint32_t(s.s_minus),
                          uint32_t(s.w_min), uint32_t(s.w_max)});
    };
    stdp(LC_REG_CORE + LC_CORE_STDP_IN, c.stdp_in);
    stdp(LC_REG_CORE + LC_CORE_STDP_REC, c.stdp_rec);
    for (uint32_t i = 0; i < net->n_neurons; i++) {
        const struct lc_neuron_params &q = net->neuron[i];
        b.write(LC_REG_PARAM | (i * LC_NEURON_STRIDE), 4, 1,
                {uint32_t(q.du), uint32_t(q.dv), uint32_t(q.vth), uint32_t(q.bias), uint32_t(q.tref)});
    }
    const uint32_t nn = net->n_neurons;
    auto row = [&](uint32_t r, const int8_t *w, const uint8_t *pl) {
        std::vector<uint32_t> v(b.row_words(), 0);
        bool plastic = false;
        for (uint32_t i = 0; i < nn; i++) {
            uint32_t a = b.syn_addr(r, i) & LC_OFFSET_MASK, base = b.syn_addr(r, 0) & LC_OFFSET_MASK;
            v[a - base] = uint8_t(w[i]) | (pl[i] ? PLASTIC : 0);
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
            uint32_t want = uint8_t(w) | (pl ? PLASTIC : 0);
            if ((v[a] & SYN_MASK) != want) {
                why = fmt("synapse row %u col %u: board 0x%03x model 0x%03x", r, i, v[a] & SYN_MASK, want);
                return false;
            }
        }
    }
    auto st = b.read(LC_REG_STATE, 4, 1, nn * LC_NEURON_STRIDE, true);
    auto pm = b.read(LC_REG_PARAM, 4, 1, nn * LC_NEURON_STRIDE, true);
    if (st.size() != nn * LC_NEURON_STRIDE || pm.size() != nn * LC_NEURON_STRIDE) { why = "state read: " + b.err; return false; }
    for (uint32_t i = 0; i < nn; i++) {
        const struct lc_neuron_state &s = lc_ref_state(ref)[i];
        const int32_t want[LC_STATE_COUNT] = {s.u, s.v, s.r, s.theta, s.x, s.y};
        const char *names[LC_STATE_COUNT] = {"u", "v", "r", "theta", "x", "y"};
        for (int f = 0; f < LC_STATE_COUNT; f++)
            if (int32_t(st[i * LC_NEURON_STRIDE + f]) != want[f]) {
                why = fmt("neuron %u %s: board %d model %d", i, names[f],
                          int32_t(st[i * LC_NEURON_STRIDE + f]), want[f]);
                return false;
            }
        const struct lc_neuron_params &q = net->neuron[i];
        const int32_t wp[LC_PARAM_COUNT] = {q.du, q.dv, q.vth, q.bias, q.tref};
        for (int f = 0; f < LC_PARAM_COUNT; f++)
            if (int32_t(pm[i * LC_NEURON_STRIDE + f]) != wp[f]) {
                why = fmt("neuron %u parameter %d: board %d model %d", i, f,
                          int32_t(pm[i * LC_NEURON_STRIDE + f]), wp[f]);
                return false;
            }
    }
    if (net->n_inputs) {
        auto xi = b.read(LC_REG_XIN, 2, 1, net->n_inputs);
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
    b.write(CMD, 1, 0, {LC_CMD_RESET_STATE});   // reset state (weights: written below)
    // clear the weights of every row the network uses fully (rows beyond stay from before: zero them)
    for (uint32_t r = 0; r < b.n + b.m; r++) b.write(b.syn_addr(r, 0), 1, 1, std::vector<uint32_t>(b.row_words(), 0));
    for (uint32_t i = 0; i < b.n; i++) b.write(LC_REG_PARAM | (i * LC_NEURON_STRIDE), 4, 1, {0, 0, 0, 0, 0});
    load_net(b, net);
    b.write(CMD, 1, 0, {LC_CMD_RESET_STATE});
    if (!b.sync()) { why = "sync after load: " + b.err; return false; }
    if (!compare_all(b, ref, why)) { why = "after load: " + why; return false; }

    const uint32_t m = net->n_inputs;
    std::vector<uint8_t> in(size_t(steps) * (m ? m : 1), 0);
    if (m) lc_random_inputs(seed + 1, m, steps, -1.0, in.data());
    std::vector<std::vector<uint32_t>> inputs(steps);
    for (uint32_t t = 0; t < steps; t++)
        for (uint32_t j = 0; j < m; j++)
            if (in[size_t(t) * m + j]) inputs[t].push_back(j);
    // all steps streamed ahead as far as the credit goes; every output compared in order
    std::vector<uint32_t> out_ref(net->n_neurons);
    Board::Stream st;
    st.gen = [&](uint64_t t) { return inputs[t]; };
    st.out = [&](uint64_t t, const std::vector<uint32_t> &out, size_t) {
        size_t n_out = 0;
        out_ref.resize(net->n_neurons);
        lc_ref_step(ref, inputs[t].data(), inputs[t].size(), out_ref.data(), &n_out);
        out_ref.resize(n_out);
        if (out == out_ref) return true;
        st.why = fmt("seed %" PRIu64 " step %u: board %zu spikes, model %zu", seed, unsigned(t), out.size(), n_out);
        return false;
    };
    bool ok = b.stream(steps, st);
    if (!ok) why = st.why.find("seed ") == 0 ? st.why : fmt("no output record (%s)", st.why.c_str());
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

std::vector<uint32_t> link_counters(Board &b) {
    return b.read(LC_REG_LINK + LC_LINK_COUNTERS, 4, 1, LC_LINK_NCOUNTERS);
}

void print_counters(Board &b, const char *when) {
    auto c = link_counters(b);
    if (c.size() != LC_LINK_NCOUNTERS) return;
    std::printf("  device link counters %s: rx_ok %u crc_err %u resync %u timeout %u framing %u dup %u "
                "dropped %u retransmit %u bad_cmd %u\n",
                when, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
    const struct lc_link_counts &l = b.counts();
    std::printf("  host: frames %" PRIu64 " crc_err %" PRIu64 " gaps %" PRIu64 " resend %" PRIu64
                " go-back %" PRIu64 " timeouts %" PRIu64 " duplicates %" PRIu64 "\n",
                l.frames_rx, l.crc_errors, l.gaps, l.resend_polls, l.retransmits, l.timeouts, l.duplicates);
}

// ---------------------------------------------------------------------------
void test_garbage_and_reconnect(Board &b) {
    // garbage between frames: the device skips it and counts one resync per run
    auto c0 = link_counters(b);
    const uint8_t junk[] = {0x00, 0x11, LC_SOF, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC};
    b.lib.write(b.h, junk, sizeof junk);
    b.lib.run(b.h, 200000);               // longer than the inter-byte timeout
    bool s = b.sync();
    auto c1 = link_counters(b);
    const uint32_t crc = CNT(LC_LINK_CRC_ERR), resync = CNT(LC_LINK_RESYNC), timeout = CNT(LC_LINK_TIMEOUT);
    bool ok = s && c0.size() == LC_LINK_NCOUNTERS && c1.size() == LC_LINK_NCOUNTERS &&
              c1[resync] > c0[resync] && (c1[crc] + c1[timeout]) > (c0[crc] + c0[timeout]);
    report("test_garbage_is_skipped_and_counted", ok,
           ok ? fmt("resync +%u, crc/timeout +%u", c1[resync] - c0[resync],
                    (c1[crc] + c1[timeout]) - (c0[crc] + c0[timeout]))
              : b.err);

    // a truncated frame followed by silence: dropped by the inter-byte timeout
    const uint8_t part[] = {LC_SOF, 0x00, 0x00, 0x00};
    b.lib.write(b.h, part, sizeof part);
    b.lib.run(b.h, 60000);
    s = b.sync();
    auto c2 = link_counters(b);
    ok = s && c2.size() == LC_LINK_NCOUNTERS && c2[timeout] == c1[timeout] + 1;
    report("test_truncated_frame_dropped_by_timeout", ok, ok ? "" : b.err);

    // CONNECT in the middle of a session: both streams restart at 0, the device keeps working
    uint32_t lost = 0;
    b.check(lc_link_read(b.link, VERSION, 1, 1, 4, &lost));   // a READ whose answer the new session never sees
    ok = b.connect() && b.sync();
    auto v = b.read(VERSION, 4, 1, 1);
    report("test_connect_restarts_the_session", ok && v.size() == 1 && v[0] == LC_CORE_VERSION_VALUE,
           ok ? "" : b.err);

    // clearing the link counters from inside a block write (the hole before LC_LINK_CMD,
    // then LC_LINK_CMD = LC_LINK_CMD_CLEAR_COUNTERS): the
    // counters read zero afterwards (rx_ok counts the frames since) and the stream goes on
    const uint8_t bad_op = 0xF5;                        // bad_cmd, so there is something to clear
    uint32_t answer[2];
    s = b.check(lc_link_refused(b.link, &bad_op, 1, answer)) && b.sync();
    auto cb = link_counters(b);
    s = s && cb.size() == LC_LINK_NCOUNTERS && cb[CNT(LC_LINK_BAD_CMD)] > 0;
    b.write(LC_REG_LINK + LC_LINK_CMD - 1, 1, 1, {0x00, LC_LINK_CMD_CLEAR_COUNTERS});
    s = s && b.sync();
    auto c3 = link_counters(b);
    ok = s && c3.size() == LC_LINK_NCOUNTERS;
    for (size_t i = CNT(LC_LINK_RX_OK) + 1; ok && i < LC_LINK_NCOUNTERS; i++) ok = c3[i] == 0;
    auto v2 = b.read(VERSION, 4, 1, 1);
    ok = ok && c3[CNT(LC_LINK_RX_OK)] < 8 && v2.size() == 1 && v2[0] == LC_CORE_VERSION_VALUE;
    report("test_link_counters_cleared_by_a_block_write", ok,
           c3.size() == LC_LINK_NCOUNTERS
               ? fmt("rx_ok %u crc_err %u bad_cmd %u", c3[CNT(LC_LINK_RX_OK)], c3[CNT(LC_LINK_CRC_ERR)],
                     c3[CNT(LC_LINK_BAD_CMD)])
               : b.err);
}

// dense and sparse streaming: payload share of the wire, bytes per spike
void test_efficiency(SimLib &lib, bool link_bound) {
    Board b(lib, "");
    if (!b.h || !b.connect()) { report("test_efficiency", false, "cannot open"); return; }
    // every neuron fires every step: bias above threshold, no refractory time
    for (uint32_t i = 0; i < b.n; i++) b.write(LC_REG_PARAM | (i * LC_NEURON_STRIDE), 4, 1, {4096, 4096, 0, 1000, 0});
    b.sync();
    auto run = [&](const char *what, uint32_t steps, std::function<std::vector<uint32_t>(uint32_t)> gen,
                   bool expect_all) {
        const struct lc_link_counts &l = b.counts();
        uint64_t tx0 = l.bytes_tx, ptx0 = l.payload_tx, rx0 = l.bytes_rx, prx0 = l.payload_rx;
        uint64_t c0 = lib.cycles(b.h);
        uint64_t spikes_in = 0, spikes_out = 0, rec_in = 0, rec_out = 0;
        Board::Stream st;
        st.gen = [&](uint64_t t) {
            auto idx = gen(uint32_t(t));
            spikes_in += idx.size();
            rec_in += b.step_record_len(idx.size());
            return idx;
        };
        st.out = [&](uint64_t, const std::vector<uint32_t> &out, size_t bytes) {
            spikes_out += out.size();
            rec_out += bytes;
            return !expect_all || out.size() == b.n;
        };
        bool ok = b.stream(steps, st);
        if (!ok) std::printf("  %s: %s\n", what, st.why.c_str());
        uint64_t cyc = lib.cycles(b.h) - c0;
        double tx = double(l.bytes_tx - tx0), rx = double(l.bytes_rx - rx0);
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

#ifndef LC_TEST_BOARD_NO_MAIN   // fuzz_board.cpp includes this file for its Board
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
        bool ok = b.h && b.connect();
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
        bool ok = b.h && b.connect();
        if (ok) {
            test_random_networks(b, "test_random_networks_match_reference_with_bit_errors_and_byte_loss", 700,
                                 quick ? 2 : 6, 60);
            auto c = link_counters(b);
            ok = c.size() == LC_LINK_NCOUNTERS &&
                 (c[CNT(LC_LINK_CRC_ERR)] + c[CNT(LC_LINK_TIMEOUT)] + c[CNT(LC_LINK_DROPPED)]) > 0 &&
                 b.counts().crc_errors > 0;
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
#endif
