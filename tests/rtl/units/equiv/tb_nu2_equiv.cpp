// tb_nu2_equiv.cpp : random input sequences (any value, any cycle; not only the
// protocol's) into lc_neuron_update2 and its reference; counts cycles that differ.
// usage: tb_nu2_equiv [cycles] [seed]
// SPDX-License-Identifier: MIT
#include "Vtb_nu2_equiv.h"
#include <cstdio>
#include <cstdlib>
#include <cstdint>

static uint64_t s;
static uint64_t rnd() { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
// a w-bit value: uniform, or near an edge (0, 1, max, the sign bits), or small
static uint32_t val(int w) {
    uint32_t m = (w >= 32) ? 0xffffffffu : ((1u << w) - 1);
    switch (rnd() % 8) {
    case 0: return 0;
    case 1: return m;
    case 2: return (1u << (w - 1)) ^ (uint32_t)(rnd() % 3);        // around the sign bit
    case 3: return (m ^ (1u << (w - 1))) - (uint32_t)(rnd() % 3);  // around max positive
    case 4: return (uint32_t)(rnd() % 16) & m;
    case 5: return (uint32_t)(-(int32_t)(rnd() % 16)) & m;
    default: return (uint32_t)rnd() & m;
    }
}
static uint32_t dval() {    // a decay constant: mostly 0..4096, sometimes beyond
    switch (rnd() % 6) {
    case 0: return 0;
    case 1: return 4096;
    case 2: return (uint32_t)rnd() & 0x1fff;
    default: return (uint32_t)(rnd() % 4097);
    }
}

int main(int argc, char** argv) {
    long cycles = argc > 1 ? atol(argv[1]) : 2000000;
    s = argc > 2 ? strtoull(argv[2], 0, 0) : 88172645463325252ull;
    Vtb_nu2_equiv t;
    long bad = 0;
    int mode = 0;
    for (long c = 0; c < cycles; c++) {
        if (c % 100000 == 0) mode = (int)(rnd() % 3);   // 0 free, 1 protocol, 2 sparse
        bool hold = (mode != 0) && t.i_valid;            // the protocol holds inputs a cycle
        t.i_rst = (rnd() % 64) == 0;
        t.i_valid = (mode == 0) ? (rnd() & 1) : hold ? 0 : (mode == 1 ? (rnd() % 4 != 0) : (rnd() % 8 == 0));
        if (!hold) {
            t.i_tag = rnd() & 1; t.i_a = val(17);
            t.i_du = dval(); t.i_dv = dval(); t.i_d_theta = dval(); t.i_dx = dval(); t.i_dy = dval();
            t.i_vth = val(23); t.i_theta = val(23); t.i_theta_plus = val(23);
            t.i_bias = val(24); t.i_u = val(24); t.i_v = val(24); t.i_v_reset = val(24);
            t.i_tref = val(6); t.i_r = val(6);
            t.i_x = val(16); t.i_y = val(16); t.i_x_imp = val(16); t.i_y_imp = val(16);
            t.i_w_shift = rnd() & 15;
            t.i_am_in = val(8); t.i_am_rec = val(8); t.i_sm_in = rnd() & 31; t.i_sm_rec = rnd() & 31;
        }
        t.i_aux = (rnd() % 4) == 0; t.i_aux_a = val(8); t.i_aux_x = val(16); t.i_aux_s = rnd() & 31;
        t.i_clk = 0; t.eval();
        if (t.o_diff) { if (bad < 5) printf("differ at cycle %ld (mode %d)\n", c, mode); bad++; }
        t.i_clk = 1; t.eval();
    }
    printf("lc_neuron_update2 against its reference: %ld cycles, %ld differ\n", cycles, bad);
    return bad != 0;
}
