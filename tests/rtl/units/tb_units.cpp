// tb_units.cpp : unit tests of the core's arithmetic modules against C transcriptions
// lc_decay (signed and unsigned, all decay constants), lc_stdp_lane (random and
// corner synapses), lc_neuron_update (random neurons through the 2-stage pipeline).
// SPDX-License-Identifier: MIT
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <algorithm>

#include "Vtb_units.h"
#include "verilated.h"

namespace {

uint64_t rng_state = 12345;
uint64_t next() {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
int64_t range(int64_t lo, int64_t hi) { return lo + (int64_t)(next() % (uint64_t)(hi - lo + 1)); }
// extremes more often than a uniform draw would give them
int64_t pick(int64_t lo, int64_t hi) {
    switch (next() % 8) {
    case 0: return lo;
    case 1: return hi;
    case 2: return lo + (int64_t)(next() % 3);
    case 3: return hi - (int64_t)(next() % 3);
    default: return range(lo, hi);
    }
}

constexpr int64_t SAT = (1 << 23) - 1;
int64_t decay(int64_t z, int64_t d) {
    int64_t m = z < 0 ? -z : z;
    m = m * (4096 - d) / 4096;
    return z < 0 ? -m : m;
}
int64_t sat(int64_t z) { return z > SAT ? SAT : z < -SAT ? -SAT : z; }
int64_t sext(uint64_t v, int bits) {
    uint64_t m = 1ull << (bits - 1);
    v &= (1ull << bits) - 1;
    return (int64_t)((v ^ m) - m);
}

int passed = 0, failed = 0;
void check(bool ok, const char *what, long long a, long long b, long long got, long long want) {
    if (ok) {
        passed++;
        return;
    }
    failed++;
    if (failed <= 10)
        std::printf("FAIL %s (a=%lld b=%lld): rtl %lld, expected %lld\n", what, a, b, got, want);
}

void tick(Vtb_units *t) {
    t->i_clk = 1;
    t->eval();
    t->i_clk = 0;
    t->eval();
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Vtb_units *t = new Vtb_units;
    t->i_clk = 0;
    t->eval();

    // ---- lc_decay: every decay constant with random and extreme operands
    int dec_fail0 = failed;
    for (int d = 0; d <= 4096; d++)
        for (int k = 0; k < 6; k++) {
            int64_t zs = pick(-SAT, SAT), zu = pick(0, 65535);
            t->i_dec_z = (uint32_t)(zs & 0xFFFFFF);
            t->i_dec_zu = (uint32_t)zu;
            t->i_dec_d = d;
            t->eval();
            int64_t got_s = sext(t->o_dec_z, 24), got_u = t->o_dec_zu;
            check(got_s == decay(zs, d), "decay signed", zs, d, got_s, decay(zs, d));
            check(got_u == decay(zu, d), "decay unsigned", zu, d, got_u, decay(zu, d));
        }
    std::printf("lc_decay: %d checks, %d failed\n", 2 * 4097 * 6, failed - dec_fail0);

    // ---- lc_stdp_lane
    int lane_fail0 = failed;
    for (int k = 0; k < 200000; k++) {
        int w = (int)range(-128, 127), plastic = (int)(next() % 2), ok = (int)(next() % 8 != 0);
        int pre = (int)(next() % 2), post = (int)(next() % 2);
        int64_t pot = pick(0, (1 << 24) - 1), dep = pick(0, (1 << 24) - 1);
        if (next() % 2) pot = range(0, 400);
        if (next() % 2) dep = range(0, 400);
        int a = (int)range(-128, 127), b = (int)range(-128, 127);
        int lo = a < b ? a : b, hi = a < b ? b : a;
        t->i_syn = (uint32_t)((plastic << 8) | (w & 0xFF));
        t->i_lane_ok = ok;
        t->i_pre = pre;
        t->i_post = post;
        t->i_pot = (uint32_t)pot;
        t->i_dep = (uint32_t)dep;
        t->i_w_min = (uint32_t)(lo & 0xFF);
        t->i_w_max = (uint32_t)(hi & 0xFF);
        t->eval();
        int want = w, want_p = plastic;
        if (plastic && ok && (pre || post)) {
            int64_t v = w + (post ? pot : 0) - (pre ? dep : 0);
            want = (int)(v < lo ? lo : v > hi ? hi : v);
        }
        int got = (int)sext(t->o_syn & 0xFF, 8), got_p = (t->o_syn >> 8) & 1;
        check(got == want && got_p == want_p, "stdp lane", w, pot - dep, got, want);
    }
    std::printf("lc_stdp_lane: 200000 checks, %d failed\n", failed - lane_fail0);

    // ---- lc_neuron_update: random neurons, results compared 2 clock edges later
    struct Want {
        int spike;
        int64_t u, v, r, th, x, y, xdec, dep_in, dep_rec;
        int refr;   // refractory: v unchanged (lc_neuron_update2 says keep v instead)
    };
    const int NN = 100000;
    Want *want = new Want[NN + 2];
    int nu_fail0 = failed;
    int64_t ws = 0, vr = 0, thp = 0, dth = 0, dx = 0, dy = 0, xi = 0, yi = 0, ami = 0, smi = 0,
            amr = 0, smr = 0;
    // batches of 1000 neurons share core parameters, which are stable while a
    // batch is in the pipeline (as during a step of the core). ii = 1: lc_neuron_update,
    // a neuron per cycle; ii = 2: lc_neuron_update2, a neuron every other cycle with
    // its inputs held for the second cycle
    for (int ii = 1; ii <= 2; ii++) {
    for (int base = 0; base < NN; base += 1000) {
        ws = range(0, 15); vr = pick(-SAT, SAT); thp = pick(0, SAT); dth = pick(0, 4096);
        dx = pick(0, 4096); dy = pick(0, 4096); xi = pick(0, 65535); yi = pick(0, 65535);
        ami = range(0, 255); smi = range(0, 31); amr = range(0, 255); smr = range(0, 31);
        t->i_w_shift = ws; t->i_v_reset = (uint32_t)(vr & 0xFFFFFF); t->i_theta_plus = thp;
        t->i_d_theta = dth; t->i_dx = dx; t->i_dy = dy; t->i_x_imp = xi; t->i_y_imp = yi;
        t->i_am_in = ami; t->i_sm_in = smi; t->i_am_rec = amr; t->i_sm_rec = smr;
        const int lag = (ii == 1) ? 2 : 0;   // neurons in flight when one leaves
        for (int k = base; k < base + 1000 + lag; k++) {
            if (k < base + 1000) {
                int64_t a = pick(-384 * 128, 384 * 127), du = pick(0, 4096), dv = pick(0, 4096);
                int64_t vth = pick(0, SAT), bias = pick(-SAT, SAT), tref = range(0, 63);
                int64_t u = pick(-SAT, SAT), v = pick(-SAT, SAT), r = next() % 3 ? 0 : range(0, 63);
                int64_t th = pick(0, SAT), x = pick(0, 65535), y = pick(0, 65535);
                if (next() % 2) { a = range(-50, 50); bias = range(-2000, 2000); vth = range(0, 3000); }
                t->i_valid = 1; t->i_tag = k & 0xFF; t->i_a = (uint32_t)(a & 0x1FFFF);
                t->i_du = du; t->i_dv = dv; t->i_vth = vth; t->i_bias = (uint32_t)(bias & 0xFFFFFF);
                t->i_tref = tref; t->i_u = (uint32_t)(u & 0xFFFFFF); t->i_v = (uint32_t)(v & 0xFFFFFF);
                t->i_r = r; t->i_theta = th; t->i_x = x; t->i_y = y;
                // the contract, steps 2-6 and 8 for one neuron
                Want &w = want[k];
                w.refr = r > 0;
                int64_t thd = decay(th, dth);
                int64_t un = sat(decay(u, du) + a * (1ll << ws));
                int64_t vn = v, rn = r, spike = 0;
                if (r > 0) {
                    rn = r - 1;
                } else {
                    vn = sat(decay(v, dv) + un + bias);
                    spike = vn > vth + thd;
                }
                if (spike) {
                    vn = vr;
                    rn = tref;
                    thd = std::min<int64_t>(thd + thp, SAT);
                }
                int64_t xd = decay(x, dx), yd = decay(y, dy);
                w.spike = (int)spike; w.u = un; w.v = vn; w.r = rn; w.th = thd;
                w.x = std::min<int64_t>(xd + (spike ? xi : 0), 65535);
                w.y = std::min<int64_t>(yd + (spike ? yi : 0), 65535);
                w.xdec = xd; w.dep_in = (ami * yd) >> smi; w.dep_rec = (amr * yd) >> smr;
            } else {
                t->i_valid = 0;
            }
            tick(t);
            // lc_neuron_update: a neuron applied before tick j leaves after tick j+2;
            // lc_neuron_update2: applied before tick j (held for j+1), its dep_in is
            // combinational after tick j (o_first) and the rest after tick j+1
            if (ii == 2) {
                if (k < base + 1000)
                    check(t->o2_first && t->o2_dep_in == want[k].dep_in,
                          "neuron update2 dep_in (o_first)", k, 0, t->o2_dep_in, want[k].dep_in);
                t->i_valid = 0;
                tick(t);
            }
            if (k >= base + lag && k < base + 1000) {
                const Want &w = want[k - lag];
                const int tag = (k - lag) & 0xFF;
                bool ok = (ii == 1)
                    ? (t->o_valid && t->o_tag == tag && t->o_spike == w.spike &&
                       sext(t->o_u, 24) == w.u && sext(t->o_v, 24) == w.v && t->o_r == w.r &&
                       t->o_theta == w.th && t->o_x == w.x && t->o_y == w.y &&
                       t->o_xdec == w.xdec && t->o_dep_in == w.dep_in && t->o_dep_rec == w.dep_rec)
                    : (t->o2_valid && t->o2_tag == tag && t->o2_spike == w.spike &&
                       sext(t->o2_u, 24) == w.u &&
                       (t->o2_keep_v ? w.refr : (!w.refr && sext(t->o2_v, 24) == w.v)) &&
                       t->o2_r == w.r &&
                       t->o2_theta == w.th && t->o2_x == w.x && t->o2_y == w.y &&
                       t->o2_xdec == w.xdec && !t->o2_first && t->o2_dep_rec == w.dep_rec);
                check(ok, ii == 1 ? "neuron update" : "neuron update2", k - lag, w.spike,
                      sext(ii == 1 ? t->o_v : t->o2_v, 24), w.v);
            }
        }
        tick(t);
        tick(t);
        tick(t);
        tick(t);
    }
    }
    // lc_neuron_update2 lends its depression multiplier and shifter while idle (the
    // core's learning phase computes (a_plus * x_pre) >> s_plus on it)
    t->i_valid = 0;
    tick(t);
    tick(t);
    tick(t);
    // with no neuron in flight every result output but dep_in is 0 (the core ORs
    // configuration data into its state writes)
    check(t->o2_valid == 0 && t->o2_spike == 0 && t->o2_u == 0 && t->o2_v == 0 && t->o2_r == 0 &&
              t->o2_theta == 0 && t->o2_x == 0 && t->o2_y == 0 && t->o2_xdec == 0,
          "neuron update2 idle outputs", 0, 0, t->o2_v, 0);
    for (int k = 0; k < 20000; k++) {
        int64_t a = pick(0, 255), x = pick(0, 65535), s = pick(0, 31);
        t->i_aux = 1; t->i_aux_a = a; t->i_aux_x = x; t->i_aux_s = s;
        t->eval();
        int64_t want_aux = ((a * x) >> s) & 0xFFFFFF;
        check(t->o2_aux == want_aux, "neuron update2 aux product", a * 65536 + x, s,
              t->o2_aux, want_aux);
    }
    t->i_aux = 0;
    std::printf("lc_neuron_update and lc_neuron_update2: %d neurons each, %d failed\n", NN,
                failed - nu_fail0);
    delete[] want;
    delete t;
    const int bad = (dec_fail0 != lane_fail0) + (lane_fail0 != nu_fail0) + (nu_fail0 != failed);
    std::printf("rtl unit tests (%d checks): %d passed, %d failed\n", passed + failed, 3 - bad, bad);
    return failed ? 1 : 0;
}
