// system_tb.cpp : Verilator test bench of lc_system (cores + spike router) against lc_sysref
// Builds random systems (2..C cores, random routes with self-routes, fan-in and fan-out,
// every delay 1..D, learning on), loads them through the system's configuration bus,
// runs them on the RTL and on the C model and compares the spikes of every step and all
// weights and state at the end, bit for bit; resets the state with spikes in flight.
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "Vlc_system.h"
#include "verilated.h"

extern "C" {
#include "lifcore_model.h"
#include "lc_random.h"
#include "lc_ref.h"
#include "lc_sysref.h"
#include "lc_geom.h"
}

#ifndef SYS_C
#error "build with -DSYS_C=<cores> -DSYS_D=<delay> -DSYS_ROUTES=<entries>"
#endif

namespace {

constexpr uint32_t PLASTIC = 1u << LC_SYN_PLASTIC_BIT;
constexpr uint32_t HC = SYS_C, HD = SYS_D, HROUTES = SYS_ROUTES;
constexpr uint32_t T_ROUTER = HC;
constexpr uint32_t R_INDEX = 1u << 24, R_ENTRY = 2u << 24;

[[noreturn]] void fail(const char *what) {
    std::fprintf(stderr, "system_tb: %s\n", what);
    std::exit(2);
}

uint64_t splitmix(uint64_t &s) {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Sys {
  public:
    Sys() : top_(new Vlc_system) {
        top_->i_clk = 0;
        top_->i_rst = 0;
        top_->i_cfg_valid = 0;
        top_->i_in_valid = 0;
        top_->i_step = 0;
        top_->eval();
    }
    ~Sys() { top_->final(); }

    void tick() {
        top_->i_clk = 1;
        top_->eval();
        top_->i_clk = 0;
        top_->eval();
        cycles_++;
        if (top_->o_out_valid) out_.push_back({top_->o_out_core, top_->o_out_idx});
    }
    void reset() {
        top_->i_rst = 1;
        tick();
        top_->i_rst = 0;
        wait_idle();
    }
    void wait_idle() {
        uint64_t guard = 0;
        while (top_->o_busy)
            if (tick(), ++guard > 50000000ull) fail("system stays busy");
    }
    void cfg_write(uint32_t target, uint32_t addr, uint32_t data) {
        wait_cfg_idle();
        top_->i_cfg_valid = 1;
        top_->i_cfg_write = 1;
        top_->i_cfg_addr = (target << 28) | addr;
        top_->i_cfg_wdata = data;
        accept_cfg();
    }
    uint32_t cfg_read(uint32_t target, uint32_t addr) {
        wait_cfg_idle();
        top_->i_cfg_valid = 1;
        top_->i_cfg_write = 0;
        top_->i_cfg_addr = (target << 28) | addr;
        accept_cfg();
        for (int i = 0; i < 16; i++) {
            if (top_->o_cfg_rvalid) return top_->o_cfg_rdata;
            tick();
        }
        fail("no read data");
    }
    void push_input(uint32_t core, uint32_t idx) {
        top_->i_in_valid = 1;
        top_->i_in_core = core;
        top_->i_in_idx = idx;
        int guard = 0;
        while (!top_->o_in_ready)
            if (tick(), ++guard > 100) fail("input never accepted");
        tick();
        top_->i_in_valid = 0;
    }
    // one step: its output spikes (core, neuron) and its cycles from i_step to o_step_done
    std::vector<std::pair<uint32_t, uint32_t>> step(uint64_t *cyc) {
        wait_idle();
        out_.clear();
        const uint64_t c0 = cycles_;
        top_->i_step = 1;
        tick();
        top_->i_step = 0;
        uint64_t guard = 0;
        while (!top_->o_step_done)
            if (tick(), ++guard > 50000000ull) fail("step never finishes");
        *cyc = cycles_ - c0;
        return out_;
    }

  private:
    void accept_cfg() {
        int guard = 0;
        while (!top_->o_cfg_ready)
            if (tick(), ++guard > 1000000) fail("configuration request never accepted");
        tick();
        top_->i_cfg_valid = 0;
    }
    void wait_cfg_idle() {
        int guard = 0;
        while (!top_->o_cfg_ready)
            if (tick(), ++guard > 1000000) fail("system never idle");
    }
    std::unique_ptr<Vlc_system> top_;
    uint64_t cycles_ = 0;
    std::vector<std::pair<uint32_t, uint32_t>> out_;
};

using Geometry = struct lc_geom;

void load_net(Sys &s, uint32_t c, const Geometry &g, const struct lc_net *net) {
    const struct lc_core_params &p = net->core;
    const uint32_t regs[][2] = {
        {LC_CORE_W_SHIFT, (uint32_t)p.w_shift}, {LC_CORE_V_RESET, (uint32_t)p.v_reset},
        {LC_CORE_THETA_PLUS, (uint32_t)p.theta_plus}, {LC_CORE_D_THETA, (uint32_t)p.d_theta},
        {LC_CORE_DX, (uint32_t)p.dx}, {LC_CORE_DY, (uint32_t)p.dy},
        {LC_CORE_X_IMP, (uint32_t)p.x_imp}, {LC_CORE_Y_IMP, (uint32_t)p.y_imp},
        {LC_CORE_LEARNING, (uint32_t)p.learning},
        {LC_CORE_STDP_IN_A_PLUS, (uint32_t)p.stdp_in.a_plus},
        {LC_CORE_STDP_IN_A_MINUS, (uint32_t)p.stdp_in.a_minus},
        {LC_CORE_STDP_IN_S_PLUS, (uint32_t)p.stdp_in.s_plus},
        {LC_CORE_STDP_IN_S_MINUS, (uint32_t)p.stdp_in.s_minus},
        {LC_CORE_STDP_IN_W_MIN, (uint32_t)p.stdp_in.w_min},
        {LC_CORE_STDP_IN_W_MAX, (uint32_t)p.stdp_in.w_max},
        {LC_CORE_STDP_REC_A_PLUS, (uint32_t)p.stdp_rec.a_plus},
        {LC_CORE_STDP_REC_A_MINUS, (uint32_t)p.stdp_rec.a_minus},
        {LC_CORE_STDP_REC_S_PLUS, (uint32_t)p.stdp_rec.s_plus},
        {LC_CORE_STDP_REC_S_MINUS, (uint32_t)p.stdp_rec.s_minus},
        {LC_CORE_STDP_REC_W_MIN, (uint32_t)p.stdp_rec.w_min},
        {LC_CORE_STDP_REC_W_MAX, (uint32_t)p.stdp_rec.w_max},
    };
    for (const auto &r : regs) s.cfg_write(c, LC_REG_CORE | r[0], r[1]);
    for (uint32_t i = 0; i < net->n_neurons; i++) {
        const struct lc_neuron_params &q = net->neuron[i];
        const int32_t f[LC_PARAM_COUNT] = {q.du, q.dv, q.vth, q.bias, q.tref};
        for (uint32_t k = 0; k < LC_PARAM_COUNT; k++)
            s.cfg_write(c, LC_REG_PARAM | (i * LC_NEURON_STRIDE + k), (uint32_t)f[k]);
    }
    const uint32_t n = net->n_neurons;
    for (uint32_t k = 0; k < n; k++)
        for (uint32_t i = 0; i < n; i++) {
            uint32_t v = (uint8_t)net->w_rec[k * n + i] | (net->plastic_rec[k * n + i] ? PLASTIC : 0);
            if (v) s.cfg_write(c, lc_syn_addr(&g, k, i), v);
        }
    for (uint32_t j = 0; j < net->n_inputs; j++)
        for (uint32_t i = 0; i < n; i++) {
            uint32_t v = (uint8_t)net->w_in[j * n + i] | (net->plastic_in[j * n + i] ? PLASTIC : 0);
            if (v) s.cfg_write(c, lc_syn_addr(&g, g.n + j, i), v);
        }
}

// the routing table: per source {first, count}, the entries in (a, k, b, j, d) order
void load_routes(Sys &s, const struct lc_route *r, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && r[e].a == r[i].a && r[e].k == r[i].k) e++;
        s.cfg_write(T_ROUTER, R_INDEX | (r[i].a << 12) | r[i].k, ((uint32_t)(e - i) << 16) | (uint32_t)i);
        i = e;
    }
    for (i = 0; i < n; i++)
        s.cfg_write(T_ROUTER, R_ENTRY | (uint32_t)i, (r[i].d << 24) | (r[i].b << 16) | r[i].j);
}

int check_routes(Sys &s, const struct lc_route *r, size_t n, uint64_t seed) {
    for (size_t i = 0; i < n; i++) {
        uint32_t got = s.cfg_read(T_ROUTER, R_ENTRY | (uint32_t)i);
        uint32_t want = (r[i].d << 24) | (r[i].b << 16) | r[i].j;
        if (got != want) {
            std::printf("FAIL seed %" PRIu64 ": entry %zu reads 0x%08x, wrote 0x%08x\n", seed, i, got, want);
            return 1;
        }
    }
    return 0;
}

int compare_core(Sys &s, uint32_t c, const Geometry &g, struct lc_ref *ref, uint64_t seed, uint32_t step) {
    const struct lc_net *net = lc_ref_net(ref);
    const struct lc_neuron_state *st = lc_ref_state(ref);
    const int32_t *xin = lc_ref_x_in(ref);
    const uint32_t n = net->n_neurons;
    static const char *names[LC_STATE_COUNT] = {"u", "v", "r", "theta", "x", "y"};
    for (uint32_t i = 0; i < n; i++) {
        const int32_t want[LC_STATE_COUNT] = {st[i].u, st[i].v, st[i].r, st[i].theta, st[i].x, st[i].y};
        for (uint32_t f = 0; f < LC_STATE_COUNT; f++) {
            int32_t got = (int32_t)s.cfg_read(c, LC_REG_STATE | (i * LC_NEURON_STRIDE + f));
            if (got != want[f]) {
                std::printf("FAIL seed %" PRIu64 " step %u core %u: %s[%u] rtl %d ref %d\n", seed,
                            step, c, names[f], i, got, want[f]);
                return 1;
            }
        }
    }
    for (uint32_t j = 0; j < net->n_inputs; j++) {
        int32_t got = (int32_t)s.cfg_read(c, LC_REG_XIN | j);
        if (got != xin[j]) {
            std::printf("FAIL seed %" PRIu64 " step %u core %u: x_in[%u] rtl %d ref %d\n", seed,
                        step, c, j, got, xin[j]);
            return 1;
        }
    }
    for (uint32_t r = 0; r < n + net->n_inputs; r++) {
        const bool in = r >= n;
        const int8_t *w = in ? net->w_in + (r - n) * n : net->w_rec + r * n;
        const uint8_t *pl = in ? net->plastic_in + (r - n) * n : net->plastic_rec + r * n;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t got = s.cfg_read(c, lc_syn_addr(&g, in ? g.n + (r - n) : r, i));
            uint32_t want = (uint8_t)w[i] | (pl[i] ? PLASTIC : 0);
            if (got != want) {
                std::printf("FAIL seed %" PRIu64 " step %u core %u: %s[%u][%u] rtl 0x%x ref 0x%x\n",
                            seed, step, c, in ? "w_in" : "w_rec", in ? r - n : r, i, got, want);
                return 1;
            }
        }
    }
    return 0;
}

struct Stats {
    uint64_t steps = 0, arrivals = 0, resets_in_flight = 0, self_routes = 0;
    uint64_t sys_cycles = 0, core_cycles = 0;
};

// one random system: returns 0 when the RTL equals the model
int run_system(Sys &s, const Geometry &g, uint64_t seed, uint32_t max_steps, bool hw_reset,
               bool verbose, Stats &st) {
    uint64_t rng = seed * 1000003ull + 11;
    const uint32_t C = 2 + (uint32_t)(splitmix(rng) % (HC - 1));
    std::vector<struct lc_net *> nets(C);
    for (uint32_t c = 0; c < C; c++) {
        if (lc_random_net(seed * 16 + c, g.n, g.m, &nets[c]) != LC_OK) fail("lc_random_net failed");
        if (splitmix(rng) % 4 != 0) nets[c]->core.learning = 1;
    }
    struct lc_system *sys = nullptr;
    if (lc_system_create(nets.data(), C, &sys) != LC_OK) fail("lc_system_create failed");
    // routes: every delay 1..D once, then random ones over a few sources and axons so that
    // fan-out and fan-in happen; self-routes among them
    const uint32_t want = HD + (uint32_t)(splitmix(rng) % (HROUTES - HD + 1));
    char msg[256];
    for (uint32_t r = 0, tries = 0; r < want && tries < 8 * want; tries++) {
        uint32_t a = (uint32_t)(splitmix(rng) % C);
        uint32_t b = (splitmix(rng) % 4 == 0) ? a : (uint32_t)(splitmix(rng) % C);
        uint32_t na = nets[a]->n_neurons, mb = nets[b]->n_inputs;
        if (mb == 0) continue;
        uint32_t k = (uint32_t)(splitmix(rng) % std::min<uint32_t>(na, 1 + (uint32_t)(splitmix(rng) % na)));
        uint32_t j = (uint32_t)(splitmix(rng) % mb);
        uint32_t d = r < HD ? r + 1 : 1 + (uint32_t)(splitmix(rng) % HD);
        size_t before = 0;
        lc_system_routes(sys, &before);
        if (lc_system_add_route(sys, a, k, b, j, d, msg, sizeof msg) != LC_OK) fail(msg);
        size_t after = 0;
        lc_system_routes(sys, &after);
        if (after > before) {
            r++;
            if (a == b) st.self_routes++;
        }
    }
    size_t n_routes = 0;
    const struct lc_route *routes = lc_system_routes(sys, &n_routes);
    struct lc_sysref *ref = nullptr;
    if (lc_sysref_create(sys, HD, &ref, msg, sizeof msg) != LC_OK) fail(msg);

    s.reset();
    for (uint32_t c = 0; c < C; c++) load_net(s, c, g, lc_system_core(sys, c));
    load_routes(s, routes, n_routes);
    int rc = check_routes(s, routes, n_routes, seed);

    const uint32_t steps = 1 + (uint32_t)(splitmix(rng) % max_steps);
    const uint32_t reset_at = (uint32_t)(splitmix(rng) % steps);
    std::vector<double> rate(C);
    for (auto &x : rate) x = (double)(splitmix(rng) % 40) / 100.0;
    std::vector<std::vector<uint32_t>> in(C), out(C);
    for (uint32_t c = 0; c < C; c++) out[c].resize(g.n);
    std::vector<const uint32_t *> in_p(C);
    std::vector<uint32_t *> out_p(C);
    std::vector<size_t> n_in(C), n_out(C);
    for (uint32_t t = 0; t < steps && rc == 0; t++) {
        if (t == reset_at && t > 0) {
            // a state reset with spikes in flight: every core's state and the router's rings
            if (lc_sysref_in_flight(ref) > 0) st.resets_in_flight++;
            if (hw_reset) {
                // the system's reset clears everything; the configuration is loaded again
                s.reset();
                for (uint32_t c = 0; c < C; c++) load_net(s, c, g, lc_ref_net(lc_sysref_core(ref, c)));
                load_routes(s, routes, n_routes);
            } else {
                for (uint32_t c = 0; c < C; c++) s.cfg_write(c, LC_REG_CORE | LC_CORE_CMD, LC_CMD_RESET_STATE);
                s.cfg_write(T_ROUTER, 0x3F, 1);
            }
            lc_sysref_reset_state(ref);
        }
        for (uint32_t c = 0; c < C; c++) {
            in[c].clear();
            for (uint32_t j = 0; j < nets[c]->n_inputs; j++)
                if ((double)(splitmix(rng) >> 11) / 9007199254740992.0 < rate[c]) in[c].push_back(j);
            for (size_t i = in[c].size(); i > 1; i--) std::swap(in[c][i - 1], in[c][splitmix(rng) % i]);
            if (!in[c].empty() && splitmix(rng) % 4 == 0) in[c].push_back(in[c][0]);
            for (uint32_t j : in[c]) s.push_input(c, j);
            in_p[c] = in[c].data();
            n_in[c] = in[c].size();
            out_p[c] = out[c].data();
        }
        uint64_t cyc = 0;
        auto got = s.step(&cyc);
        const size_t flight = lc_sysref_in_flight(ref);
        if (lc_sysref_step(ref, in_p.data(), n_in.data(), out_p.data(), n_out.data()) != LC_OK)
            fail("lc_sysref_step failed");
        // routed arrivals: the inputs a core got beyond its distinct external ones
        for (uint32_t c = 0; c < C; c++) {
            std::vector<uint32_t> u(in[c]);
            std::sort(u.begin(), u.end());
            u.erase(std::unique(u.begin(), u.end()), u.end());
            st.arrivals += lc_sysref_last_inputs(ref, c) - u.size();
        }
        (void)flight;
        std::vector<std::pair<uint32_t, uint32_t>> want_out;
        for (uint32_t c = 0; c < C; c++)
            for (size_t i = 0; i < n_out[c]; i++) want_out.push_back({c, out[c][i]});
        if (got != want_out) {
            std::printf("FAIL seed %" PRIu64 " step %u: output spikes differ\n  rtl:", seed, t);
            for (auto &p : got) std::printf(" %u.%u", p.first, p.second);
            std::printf("\n  ref:");
            for (auto &p : want_out) std::printf(" %u.%u", p.first, p.second);
            std::printf("\n");
            rc = 1;
            break;
        }
        uint64_t slow = 0;
        for (uint32_t c = 0; c < HC; c++)
            slow = std::max<uint64_t>(slow, s.cfg_read(c, LC_REG_CORE | LC_CORE_LAST_STEP_CYCLES));
        st.sys_cycles += cyc;
        st.core_cycles += slow;
        st.steps++;
    }
    for (uint32_t c = 0; c < C && rc == 0; c++)
        rc = compare_core(s, c, g, lc_sysref_core(ref, c), seed, steps);
    if (verbose || rc)
        std::printf("%s seed %" PRIu64 ": %u cores, %zu routes, %u steps, reset at %u (%s)\n",
                    rc ? "FAIL" : "ok", seed, C, n_routes, steps, reset_at,
                    hw_reset ? "i_rst" : "state");
    lc_sysref_free(ref);
    lc_system_free(sys);
    for (auto *n : nets) lc_net_free(n);
    return rc;
}

} // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    uint64_t first = 1, count = 20;
    uint32_t max_steps = 60;
    bool verbose = false;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--seeds" && i + 1 < argc) {
            if (std::sscanf(argv[++i], "%" SCNu64 ":%" SCNu64, &first, &count) != 2) fail("--seeds A:B");
        } else if (a == "--steps" && i + 1 < argc) {
            max_steps = (uint32_t)std::strtoul(argv[++i], nullptr, 0);
        } else if (a == "--verbose") {
            verbose = true;
        } else if (a[0] != '+') {
            std::fprintf(stderr, "usage: Vlc_system [--seeds FIRST:COUNT] [--steps MAX] [--verbose]\n");
            return 2;
        }
    }
    Sys s;
    s.reset();
    Geometry g;
    lc_geom_init(&g, s.cfg_read(0, LC_REG_CORE | LC_CORE_N), s.cfg_read(0, LC_REG_CORE | LC_CORE_M),
                 s.cfg_read(0, LC_REG_CORE | LC_CORE_P));
    if (s.cfg_read(T_ROUTER, 0x00) != HC || s.cfg_read(T_ROUTER, 0x03) != HD ||
        s.cfg_read(T_ROUTER, 0x01) != g.n || s.cfg_read(T_ROUTER, 0x02) != g.m)
        fail("router registers do not match the build");
    Stats st;
    int passed = 0, failed = 0;
    for (uint64_t sd = first; sd < first + count; sd++) {
        if (run_system(s, g, sd, max_steps, sd % 5 == 0, verbose, st)) failed++; else passed++;
    }
    std::printf("system_tb C=%u N=%u M=%u P=%u D=%u: %" PRIu64 " steps, %" PRIu64
                " routed-only arrivals, %" PRIu64 " self-routes, %" PRIu64
                " resets with spikes in flight; cycles/step %.1f, slowest core %.1f, overhead %.1f\n",
                HC, g.n, g.m, g.p, HD, st.steps, st.arrivals, st.self_routes, st.resets_in_flight,
                (double)st.sys_cycles / st.steps, (double)st.core_cycles / st.steps,
                (double)(st.sys_cycles - st.core_cycles) / st.steps);
    if (failed == 0 && (st.resets_in_flight == 0 || st.self_routes == 0 || st.arrivals == 0)) {
        std::printf("FAIL coverage: no reset with spikes in flight, no self-route or no routed arrival\n");
        failed++;
    }
    std::printf("system_tb: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
