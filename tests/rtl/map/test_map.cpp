// test_map.cpp : the core decodes the address map that rtl/include/lc_map.toml states
// Every address comes from the generated host/include/lifcore_map.h (never a copy):
// each register and field reads back as its width and sign say, the offsets without
// one read 0, read-only registers hold the geometry, the commands do what they say,
// and the synapse address formula reaches the synapse it names (a weight written at
// (row, col) drives neuron col). Built per geometry: -DGEOM_N/M/P/COMPACT (Makefile).
// SPDX-License-Identifier: MIT
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "Vtb_map.h"
#include "verilated.h"

#include "lifcore_map.h"

#ifndef GEOM_N
#error "build with -DGEOM_N=.. -DGEOM_M=.. -DGEOM_P=.. -DGEOM_COMPACT=.."
#endif

namespace {

const uint32_t N = GEOM_N, M = GEOM_M, P = GEOM_P, COMPACT = GEOM_COMPACT;
int failures = 0, checks = 0;

void expect(bool ok, const std::string &what)
{
    checks++;
    if (!ok) {
        failures++;
        if (failures <= 40) std::printf("  FAIL %s\n", what.c_str());
    }
}

std::string hex(uint32_t v)
{
    char b[16];
    std::snprintf(b, sizeof b, "0x%X", v);
    return b;
}

// the value a field of `bits` bits holds after writing v, read back as 32 bits
uint32_t held(uint32_t v, unsigned bits, bool is_signed)
{
    if (bits >= 32) return v;
    uint32_t low = v & ((1u << bits) - 1);
    if (is_signed && (low >> (bits - 1)) & 1) return low | ~((1u << bits) - 1);
    return low;
}

// distinct test values: a mix of the offset, the round and the extremes of a width
uint32_t pattern(uint32_t addr, unsigned round)
{
    static const uint32_t fixed[] = {0xFFFFFFFFu, 0x00000000u, 0x55555555u, 0xAAAAAAAAu};
    if (round < 4) return fixed[round] ^ (addr * 0x9E3779B1u & 0x0F0F0F0Fu);
    uint32_t x = addr * 0x9E3779B1u + round * 0x85EBCA77u;
    x ^= x >> 15; x *= 0x2C1B3C6Du; x ^= x >> 12;
    return x;
}

class Core {
  public:
    Core() : top_(new Vtb_map) {
        top_->i_clk = 0; top_->i_rst = 0; top_->i_cfg_valid = 0; top_->i_in_valid = 0;
        top_->i_step = 0;
        top_->eval();
    }
    ~Core() { top_->final(); delete top_; }
    Vtb_map *top() { return top_; }

    void tick() {
        top_->i_clk = 1; top_->eval();
        top_->i_clk = 0; top_->eval();
        if (top_->o_out_valid) out_.push_back(top_->o_out_idx);
    }
    void reset() {
        top_->i_rst = 1; tick(); top_->i_rst = 0;
        wait_idle();
    }
    void wait_idle() {
        for (long g = 0; top_->o_busy; g++) {
            tick();
            if (g > 50000000L) fail("core stays busy");
        }
    }
    // a request holds address and data until the core is ready again (it keeps no copy)
    void write(uint32_t addr, uint32_t data) {
        wait_ready();
        top_->i_cfg_valid = 1; top_->i_cfg_write = 1; top_->i_cfg_addr = addr;
        top_->i_cfg_wdata = data;
        accept();
        wait_idle();                    // a command may start a clear pass
    }
    uint32_t read(uint32_t addr) {
        wait_ready();
        top_->i_cfg_valid = 1; top_->i_cfg_write = 0; top_->i_cfg_addr = addr;
        top_->i_cfg_wdata = 0;
        accept();
        for (int i = 0; i < 16; i++) {
            if (top_->o_cfg_rvalid) return top_->o_cfg_rdata;
            tick();
        }
        fail("no read data");
    }
    void push(uint32_t idx) {
        top_->i_in_valid = 1; top_->i_in_idx = idx;
        for (int g = 0; !top_->o_in_ready; g++) {
            tick();
            if (g > 1000) fail("input never accepted");
        }
        tick();
        top_->i_in_valid = 0;
    }
    std::vector<uint32_t> step() {
        wait_ready();
        out_.clear();
        top_->i_step = 1; tick(); top_->i_step = 0;
        for (long g = 0; !top_->o_step_done; g++) {
            tick();
            if (g > 50000000L) fail("step never finishes");
        }
        wait_ready();
        return out_;
    }
    [[noreturn]] static void fail(const char *what) {
        std::fprintf(stderr, "test_map: %s\n", what);
        std::exit(2);
    }

  private:
    void accept() {
        for (int g = 0; !top_->o_cfg_ready; g++) {
            tick();
            if (g > 1000000) fail("request never accepted");
        }
        tick();
        top_->i_cfg_valid = 0;
    }
    void wait_ready() {
        for (int g = 0; !top_->o_cfg_ready; g++) {
            tick();
            if (g > 1000000) fail("core never ready");
        }
    }
    Vtb_map *top_;
    std::vector<uint32_t> out_;
};

struct Reg {
    const char *name;
    uint32_t off;
    unsigned bits;
    bool is_signed;
    enum { RW, RO, WO } access;
    int32_t reset;
};
#define RW Reg::RW
#define RO Reg::RO
#define WO Reg::WO
#define X(name, off, bits, sgn, acc, rst) {#name, off, bits, sgn != 0, acc, rst},
const Reg core_regs[] = {LC_CORE_REGS(X)};
#undef X
#undef RW
#undef RO
#undef WO

struct Field {
    const char *name;
    uint32_t idx;
    unsigned bits;
    bool is_signed;
};
#define X(name, idx, bits, sgn) {#name, idx, bits, sgn != 0},
const Field param_fields[] = {LC_PARAM_FIELDS(X)};
const Field state_fields[] = {LC_STATE_FIELDS(X)};
#undef X

uint32_t words_of(const Reg &r) { return r.bits == 64 ? 2 : 1; }

uint32_t neuron_addr(uint32_t region, uint32_t i, uint32_t f) { return region | (i * LC_NEURON_STRIDE + f); }

// the neurons and synapses the tests touch: the ends and a few in between
std::vector<uint32_t> some(uint32_t n)
{
    std::set<uint32_t> s = {0, 1, n / 3, n / 2, n - 2, n - 1};
    std::vector<uint32_t> v;
    for (uint32_t x : s)
        if (x < n) v.push_back(x);
    return v;
}

void test_include_agrees(Core &c)
{
    Vtb_map *t = c.top();
    expect(t->o_vh_lw == lc_syn_lw(P) && t->o_vh_rww == lc_syn_rww(N, P),
           "lc_map.vh and lifcore_map.h give the same RWW and LW");
    expect(t->o_vh_reg_syn == LC_REG_SYN && t->o_vh_reg_link == LC_REG_LINK,
           "lc_map.vh and lifcore_map.h give the same region bases");
    expect((LC_REG_SYN | t->o_vh_syn_last) == lc_map_syn_addr(N, P, N + M - 1, N - 1),
           "lc_map.vh and lifcore_map.h give the same synapse offset");
    for (uint32_t r = 0; r < 16; r++) {
        uint32_t base = r << LC_REGION_SHIFT;
        expect((base & LC_OFFSET_MASK) == 0 && (base >> LC_REGION_SHIFT) == r, "region shift");
    }
    expect(LC_REG_PARAM >> LC_REGION_SHIFT == LC_REGION_PARAM &&
           LC_REG_STATE >> LC_REGION_SHIFT == LC_REGION_STATE &&
           LC_REG_XIN >> LC_REGION_SHIFT == LC_REGION_XIN &&
           LC_REG_SYN >> LC_REGION_SHIFT == LC_REGION_SYN &&
           LC_REG_LINK >> LC_REGION_SHIFT == LC_REGION_LINK, "region numbers and bases agree");
}

void test_core_registers(Core &c)
{
    c.reset();
    for (const Reg &r : core_regs)
        if (r.access == Reg::RW)
            expect(c.read(LC_REG_CORE | r.off) == (uint32_t)r.reset,
                   std::string("after reset ") + r.name + " reads its reset value " + hex(r.reset));
    // every RW register at once with distinct values, then all read back: no two
    // registers share storage, each keeps its width and sign
    for (unsigned round = 0; round < 12; round++) {
        for (const Reg &r : core_regs)
            if (r.access == Reg::RW) c.write(LC_REG_CORE | r.off, pattern(r.off, round));
        for (const Reg &r : core_regs)
            if (r.access == Reg::RW) {
                uint32_t want = held(pattern(r.off, round), r.bits, r.is_signed);
                uint32_t got = c.read(LC_REG_CORE | r.off);
                expect(got == want, std::string(r.name) + " wrote " + hex(pattern(r.off, round)) +
                                        " read " + hex(got) + " want " + hex(want));
            }
    }
    // each bit of each register alone (a field narrower or wider than the table says)
    for (const Reg &r : core_regs)
        if (r.access == Reg::RW)
            for (unsigned b = 0; b < 32; b++) {
                c.write(LC_REG_CORE | r.off, 1u << b);
                uint32_t want = held(1u << b, r.bits, r.is_signed);
                expect(c.read(LC_REG_CORE | r.off) == want,
                       std::string(r.name) + " bit " + std::to_string(b));
            }
    // read-only registers: the geometry and version, and writes leave them
    const uint32_t geometry[] = {
#define X(name, v) LC_CORE_##name, (uint32_t)(v),
        LC_CORE_RO_VALUES(X)
#undef X
    };
    for (size_t k = 0; k < sizeof geometry / sizeof geometry[0]; k += 2) {
        c.write(LC_REG_CORE | geometry[k], ~geometry[k + 1]);
        expect(c.read(LC_REG_CORE | geometry[k]) == geometry[k + 1],
               "read-only " + hex(geometry[k]) + " holds " + hex(geometry[k + 1]));
    }
    expect(c.read(LC_REG_CORE | LC_CORE_N) == N && c.read(LC_REG_CORE | LC_CORE_M) == M &&
           c.read(LC_REG_CORE | LC_CORE_P) == P &&
           c.read(LC_REG_CORE | LC_CORE_VARIANT) == COMPACT &&
           c.read(LC_REG_CORE | LC_CORE_VERSION) == LC_CORE_VERSION_VALUE, "geometry registers");
    // every decoded offset (offset[7:0]) that the table does not list reads 0, written or not
    std::set<uint32_t> listed;
    for (const Reg &r : core_regs)
        for (uint32_t w = 0; w < words_of(r); w++) listed.insert(r.off + w);
    c.reset();
    for (uint32_t off = 0; off < 0x100; off++)
        if (!listed.count(off)) c.write(LC_REG_CORE | off, 0xFFFFFFFFu);
    for (uint32_t off = 0; off < 0x100; off++) {
        bool is_cmd = off == LC_CORE_CMD;
        if (listed.count(off) && !is_cmd) continue;
        expect(c.read(LC_REG_CORE | off) == 0, "core offset " + hex(off) + " (not a register) reads 0");
    }
    for (const Reg &r : core_regs)   // and those writes changed no register
        if (r.access == Reg::RW)
            expect(c.read(LC_REG_CORE | r.off) == (uint32_t)r.reset,
                   std::string(r.name) + " untouched by writes to other offsets");
}

void test_neuron_fields(Core &c)
{
    c.reset();
    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_ALL);
    struct Region { uint32_t base; const Field *f; size_t n; const char *what; };
    const Region regions[] = {
        {LC_REG_PARAM, param_fields, sizeof param_fields / sizeof param_fields[0], "param"},
        {LC_REG_STATE, state_fields, sizeof state_fields / sizeof state_fields[0], "state"}};
    for (unsigned round = 0; round < 6; round++) {
        for (const Region &g : regions)
            for (uint32_t i : some(N))
                for (size_t k = 0; k < g.n; k++)
                    c.write(neuron_addr(g.base, i, g.f[k].idx), pattern(neuron_addr(g.base, i, g.f[k].idx), round));
        for (const Region &g : regions)
            for (uint32_t i : some(N)) {
                for (size_t k = 0; k < g.n; k++) {
                    uint32_t a = neuron_addr(g.base, i, g.f[k].idx);
                    uint32_t want = held(pattern(a, round), g.f[k].bits, g.f[k].is_signed);
                    uint32_t got = c.read(a);
                    expect(got == want, std::string(g.what) + " " + g.f[k].name + " of neuron " +
                                            std::to_string(i) + " read " + hex(got) + " want " + hex(want));
                }
                // the field numbers the table does not list read 0
                for (uint32_t f = 0; f < LC_NEURON_STRIDE; f++) {
                    bool listed = false;
                    for (size_t k = 0; k < g.n; k++) listed = listed || g.f[k].idx == f;
                    if (!listed) {
                        c.write(neuron_addr(g.base, i, f), 0xFFFFFFFFu);
                        expect(c.read(neuron_addr(g.base, i, f)) == 0,
                               std::string(g.what) + " field " + std::to_string(f) + " reads 0");
                    }
                }
            }
    }
    // a neuron beyond N reads 0 and ignores writes; so does an axon beyond M
    c.write(neuron_addr(LC_REG_PARAM, N, 0), 77);
    c.write(LC_REG_XIN | M, 77);
    expect(c.read(neuron_addr(LC_REG_PARAM, N, 0)) == 0 && c.read(LC_REG_XIN | M) == 0,
           "neuron N and axon M read 0");
    for (unsigned round = 0; round < 6; round++) {
        for (uint32_t j : some(M)) c.write(LC_REG_XIN | j, pattern(j, round));
        for (uint32_t j : some(M))
            expect(c.read(LC_REG_XIN | j) == held(pattern(j, round), LC_XIN_BITS, false),
                   "x_in[" + std::to_string(j) + "]");
    }
}

void test_synapses(Core &c)
{
    c.reset();
    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_ALL);
    std::vector<uint32_t> rows = some(N);
    for (uint32_t j : some(M)) rows.push_back(N + j);
    std::vector<uint32_t> cols = some(N);
    for (uint32_t col : {P - 1, P, P + 1, 2 * P - 1})
        if (col < N) cols.push_back(col);
    const uint32_t mask = (1u << (LC_SYN_PLASTIC_BIT + 1)) - 1;
    for (unsigned round = 0; round < 4; round++) {
        for (uint32_t r : rows)
            for (uint32_t col : cols) c.write(lc_map_syn_addr(N, P, r, col), pattern(r * 4096 + col, round));
        for (uint32_t r : rows)
            for (uint32_t col : cols) {
                uint32_t got = c.read(lc_map_syn_addr(N, P, r, col));
                uint32_t want = pattern(r * 4096 + col, round) & mask;
                expect(got == want, "synapse (" + std::to_string(r) + ", " + std::to_string(col) +
                                        ") at " + hex(lc_map_syn_addr(N, P, r, col)) + " read " + hex(got) +
                                        " want " + hex(want));
            }
    }
    // lanes the geometry does not have (lane >= P, or past N in the last word) read 0
    uint32_t lw = lc_syn_lw(P), rww = lc_syn_rww(N, P), rw = (N + P - 1) / P;
    for (uint32_t r : {0u, N + M - 1}) {
        for (uint32_t lane = 0; lane < (1u << lw); lane++)
            for (uint32_t word : {0u, rw - 1}) {
                uint32_t a = LC_REG_SYN | r << (rww + lw) | word << lw | lane;
                if (lane < P && word * P + lane < N) continue;
                c.write(a, 0x1FF);
                expect(c.read(a) == 0, "unused synapse address " + hex(a) + " reads 0");
            }
        if ((1u << rww) > rw) {
            uint32_t a = LC_REG_SYN | r << (rww + lw) | rw << lw;
            c.write(a, 0x1FF);
            expect(c.read(a) == 0, "word beyond the row " + hex(a) + " reads 0");
        }
    }
    uint32_t beyond = LC_REG_SYN | (N + M) << (rww + lw);
    if (((N + M) << (rww + lw)) <= LC_OFFSET_MASK) {
        c.write(beyond, 0x1FF);
        expect(c.read(beyond) == 0, "row N+M reads 0");
    }
}

// the fields do what their names say: a weight at (row, col) drives neuron col; the
// spike sets v_reset, tref, theta_plus and the traces x_imp, y_imp; du decays u
void test_meaning(Core &c)
{
    const int32_t vmax = (1 << 23) - 1;
    const uint32_t shift = 3, w = 37, col = N - 1 - (N / 3), src = N / 2, j = M - 1;
    for (uint32_t target : some(N)) {
        c.reset();
        c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_ALL);
        c.write(LC_REG_CORE | LC_CORE_W_SHIFT, shift);
        c.write(LC_REG_CORE | LC_CORE_X_IMP, 1111);
        for (uint32_t i = 0; i < N; i++) c.write(neuron_addr(LC_REG_PARAM, i, LC_PARAM_VTH), vmax);
        c.write(lc_map_syn_addr(N, P, N + j, target), w);
        c.push(j);
        auto out = c.step();
        expect(out.empty(), "no spike");
        for (uint32_t i = 0; i < N; i++) {
            int32_t u = (int32_t)c.read(neuron_addr(LC_REG_STATE, i, LC_STATE_U));
            expect(u == (i == target ? (int32_t)(w << shift) : 0),
                   "input " + std::to_string(j) + " -> neuron " + std::to_string(target) + ": u of " +
                       std::to_string(i) + " is " + std::to_string(u));
        }
        expect(c.read(LC_REG_XIN | j) == 1111 && c.read(LC_REG_XIN | 0) == (j == 0 ? 1111u : 0u),
               "x_in[j] += x_imp");
        uint32_t cnt_in = c.read(LC_REG_CORE | LC_CORE_SPIKES_IN);
        expect(cnt_in == 1 && c.read(LC_REG_CORE | LC_CORE_STEPS) == 1, "steps and spikes_in count");
    }
    // recurrent: neuron src spikes in step 1, its synapse to col acts in step 2
    c.reset();
    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_ALL);
    c.write(LC_REG_CORE | LC_CORE_W_SHIFT, shift);
    c.write(LC_REG_CORE | LC_CORE_V_RESET, (uint32_t)-77);
    c.write(LC_REG_CORE | LC_CORE_THETA_PLUS, 333);
    c.write(LC_REG_CORE | LC_CORE_X_IMP, 1200);
    c.write(LC_REG_CORE | LC_CORE_Y_IMP, 3400);
    for (uint32_t i = 0; i < N; i++) c.write(neuron_addr(LC_REG_PARAM, i, LC_PARAM_VTH), vmax);
    c.write(neuron_addr(LC_REG_PARAM, src, LC_PARAM_VTH), 10);
    c.write(neuron_addr(LC_REG_PARAM, src, LC_PARAM_BIAS), 1000);
    c.write(neuron_addr(LC_REG_PARAM, src, LC_PARAM_TREF), 5);
    c.write(neuron_addr(LC_REG_PARAM, col, LC_PARAM_DU), 2048);
    c.write(lc_map_syn_addr(N, P, src, col), (uint32_t)-w);
    auto out = c.step();
    expect(out.size() == 1 && out[0] == src, "neuron src spikes (bias > vth)");
    expect((int32_t)c.read(neuron_addr(LC_REG_STATE, src, LC_STATE_V)) == -77, "v = v_reset");
    expect(c.read(neuron_addr(LC_REG_STATE, src, LC_STATE_R)) == 5, "r = tref");
    expect(c.read(neuron_addr(LC_REG_STATE, src, LC_STATE_THETA)) == 333, "theta += theta_plus");
    expect(c.read(neuron_addr(LC_REG_STATE, src, LC_STATE_X)) == 1200, "x += x_imp");
    expect(c.read(neuron_addr(LC_REG_STATE, src, LC_STATE_Y)) == 3400, "y += y_imp");
    expect(c.read(LC_REG_CORE | LC_CORE_SPIKES_OUT) == 1, "spikes_out counts");
    out = c.step();
    expect(out.empty(), "refractory: no spike");
    for (uint32_t i = 0; i < N; i++) {
        int32_t u = (int32_t)c.read(neuron_addr(LC_REG_STATE, i, LC_STATE_U));
        expect(u == (i == col ? -(int32_t)(w << shift) : 0),
               "recurrent " + std::to_string(src) + " -> " + std::to_string(col) + ": u of " +
                   std::to_string(i) + " is " + std::to_string(u));
    }
    expect(c.read(neuron_addr(LC_REG_STATE, src, LC_STATE_R)) == 4, "r counts down");
    c.step();
    expect((int32_t)c.read(neuron_addr(LC_REG_STATE, col, LC_STATE_U)) == -(int32_t)(w << shift) / 2,
           "du = 2048 halves u");
}

// the commands: reset state, clear counters, clear everything; the command reads 0
void test_commands(Core &c)
{
    c.reset();
    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_ALL);
    c.write(LC_REG_CORE | LC_CORE_DX, 5);
    for (uint32_t i = 0; i < N; i++) c.write(neuron_addr(LC_REG_PARAM, i, LC_PARAM_VTH), (1 << 23) - 1);
    const uint32_t a_syn = lc_map_syn_addr(N, P, N, N - 1);
    auto fill = [&]() {
        c.write(a_syn, 0x155);
        for (const Field &f : state_fields) c.write(neuron_addr(LC_REG_STATE, 1, f.idx), 9);
        c.write(neuron_addr(LC_REG_PARAM, 1, LC_PARAM_BIAS), 9);
        c.write(LC_REG_XIN | (M - 1), 9);
    };
    fill();
    c.push(0); c.push(M + 3);           // one spike taken, one dropped (index >= M)
    c.step(); c.step();
    expect(c.read(LC_REG_CORE | LC_CORE_STEPS) == 2 && c.read(LC_REG_CORE | (LC_CORE_STEPS + 1)) == 0,
           "steps, 64 bits low word first");
    expect(c.read(LC_REG_CORE | LC_CORE_SPIKES_IN) == 1, "spikes_in");
    expect(c.read(LC_REG_CORE | LC_CORE_DROPPED) == 1, "dropped counts an index >= M");
    expect(c.read(LC_REG_CORE | LC_CORE_CYCLES) > 0 && c.read(LC_REG_CORE | LC_CORE_LAST_STEP_CYCLES) > 0,
           "cycles and last_step_cycles count");
    expect(c.read(LC_REG_CORE | LC_CORE_CYCLES) >= c.read(LC_REG_CORE | LC_CORE_LAST_STEP_CYCLES),
           "cycles >= last_step_cycles");
    for (uint32_t off : {LC_CORE_STEPS, LC_CORE_SPIKES_IN, LC_CORE_DROPPED}) {
        uint32_t before = c.read(LC_REG_CORE | off);
        c.write(LC_REG_CORE | off, 12345);
        expect(c.read(LC_REG_CORE | off) == before, "a counter ignores writes " + hex(off));
    }
    expect(c.read(LC_REG_CORE | LC_CORE_CMD) == 0, "the command register reads 0");

    fill();
    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_RESET_STATE);
    bool zero = true;
    for (const Field &f : state_fields) zero = zero && c.read(neuron_addr(LC_REG_STATE, 1, f.idx)) == 0;
    expect(zero && c.read(LC_REG_XIN | (M - 1)) == 0, "reset state clears the state and x_in");
    expect(c.read(neuron_addr(LC_REG_PARAM, 1, LC_PARAM_BIAS)) == 9 && c.read(a_syn) == 0x155 &&
               c.read(LC_REG_CORE | LC_CORE_DX) == 5, "reset state keeps parameters and weights");
    expect(c.read(LC_REG_CORE | LC_CORE_STEPS) == 2, "reset state keeps the counters");

    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_COUNTERS);
    bool cleared = true;
    for (const Reg &r : core_regs)
        if (r.access == Reg::RO && r.off >= LC_CORE_STEPS && r.off <= LC_CORE_DROPPED)
            for (uint32_t k = 0; k < words_of(r); k++) cleared = cleared && c.read(LC_REG_CORE | (r.off + k)) == 0;
    expect(cleared, "clear counters zeroes every counter");
    expect(c.read(a_syn) == 0x155 && c.read(neuron_addr(LC_REG_PARAM, 1, LC_PARAM_BIAS)) == 9,
           "clear counters keeps weights and parameters");

    fill();
    c.write(LC_REG_CORE | LC_CORE_CMD, LC_CMD_CLEAR_ALL);
    zero = c.read(a_syn) == 0 && c.read(neuron_addr(LC_REG_PARAM, 1, LC_PARAM_BIAS)) == 0 &&
           c.read(neuron_addr(LC_REG_PARAM, 1, LC_PARAM_VTH)) == 0 && c.read(LC_REG_XIN | (M - 1)) == 0;
    for (const Field &f : state_fields) zero = zero && c.read(neuron_addr(LC_REG_STATE, 1, f.idx)) == 0;
    expect(zero, "clear all clears weights, parameters and state");
    expect(c.read(LC_REG_CORE | LC_CORE_DX) == 5, "clear all keeps the core registers");
}

}  // namespace

int main(int argc, char **argv)
{
    Verilated::commandArgs(argc, argv);
    Core c;
    c.reset();
    struct { const char *name; void (*fn)(Core &); } tests[] = {
        {"include_agrees", test_include_agrees}, {"core_registers", test_core_registers},
        {"neuron_fields", test_neuron_fields},   {"synapses", test_synapses},
        {"meaning", test_meaning},               {"commands", test_commands},
    };
    int passed = 0, failed = 0;
    for (auto &t : tests) {
        int f0 = failures, c0 = checks;
        t.fn(c);
        bool ok = failures == f0;
        std::printf("%s test_map_%s (N=%u M=%u P=%u COMPACT=%u): %d checks\n", ok ? "PASS" : "FAIL",
                    t.name, N, M, P, COMPACT, checks - c0);
        (ok ? passed : failed)++;
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
