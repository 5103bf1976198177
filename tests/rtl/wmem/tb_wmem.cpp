// tb_wmem.cpp : the iCE40 SPRAM weight memory (both shapes) against a plain array
// Fills every word, then random single-port traffic (reads, writes, idle cycles) with
// the bank boundary and back-to-back reads of both banks favoured. A read's data must
// appear the next cycle and hold over idle cycles. Ends "N passed, N failed".
// SPDX-License-Identifier: MIT
#include <cstdint>
#include <cstdio>
#include <vector>

#include "Vtb_wmem.h"
#include "verilated.h"

namespace {

uint64_t rng_state = 2026;
uint64_t next() {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

struct Shape {
    const char *name;
    uint32_t depth;
    int width;
    std::vector<uint64_t> mem;
    std::vector<bool> valid;
    uint64_t expect = 0;     // data of the last read
    bool have = false;       // a read since the last write (data must be on o_rdata)
    long checks = 0, errors = 0;
    uint32_t addr(uint32_t a) const { return a % depth; }
    uint64_t mask() const { return width == 64 ? ~0ull : ((1ull << width) - 1); }
};

Vtb_wmem *top;
void tick() {
    top->i_clk = 0;
    top->eval();
    top->i_clk = 1;
    top->eval();
}

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    top = new Vtb_wmem;
    Shape sh[4] = {{"27x32336", 32336, 27, {}, {}}, {"32x32768", 32768, 32, {}, {}},
                   {"63x16384", 16384, 63, {}, {}}, {"27x2112", 2112, 27, {}, {}}};
    for (auto &s : sh) {
        s.mem.assign(s.depth, 0);
        s.valid.assign(s.depth, false);
    }
    auto rdata = [&](int k) -> uint64_t {
        switch (k) {
        case 0: return top->o_rdata_a;
        case 1: return top->o_rdata_b;
        case 2: return top->o_rdata_c;
        default: return top->o_rdata_d;
        }
    };
    // one cycle: op 0 idle, 1 read, 2 write; then check the outputs
    auto cycle = [&](int op, uint32_t a, uint64_t d) {
        top->i_we = op == 2;
        top->i_re = op == 1;
        top->i_addr = a;
        top->i_wdata = d;
        tick();
        for (auto &s : sh) {
            uint32_t w = s.addr(a);
            if (op == 2) {
                s.mem[w] = d & s.mask();
                s.valid[w] = true;
                s.have = false;
            } else if (op == 1) {
                s.have = s.valid[w];
                s.expect = s.mem[w];
            }
        }
        for (int k = 0; k < 4; k++) {
            Shape &s = sh[k];
            if (!s.have) continue;
            s.checks++;
            if (rdata(k) != s.expect && s.errors++ < 5)
                std::printf("  %s: read 0x%llx, expected 0x%llx (cycle op %d addr %u)\n", s.name,
                            (unsigned long long)rdata(k), (unsigned long long)s.expect, op, a);
        }
    };
    // fill every word of the largest shape (the others wrap, last write wins)
    for (uint32_t a = 0; a < 32768; a++) cycle(2, a, next());
    // read everything back, ascending, across the bank boundary
    for (uint32_t a = 0; a < 32768; a++) cycle(1, a, 0);
    // random traffic; addresses near the bank boundary and the top, and alternating banks
    for (long i = 0; i < 400000; i++) {
        uint64_t r = next();
        int op = (r % 10 < 5) ? 1 : (r % 10 < 8) ? 2 : 0;
        uint32_t a;
        switch ((r >> 8) % 4) {
        case 0: a = 16384 + (uint32_t)((r >> 16) % 16) - 8; break;
        case 1: a = (uint32_t)((r >> 16) % 32768) ^ ((i & 1) ? 0x4000 : 0); break;
        case 2: a = 32768 - 1 - (uint32_t)((r >> 16) % 600); break;
        default: a = (uint32_t)((r >> 16) % 32768); break;
        }
        cycle(op, a, next());
    }
    int passed = 0, failed = 0;
    for (auto &s : sh) {
        bool ok = s.errors == 0 && s.checks > 100000;
        std::printf("%s %s: %ld read checks, %ld errors\n", ok ? "ok  " : "FAIL", s.name, s.checks,
                    s.errors);
        (ok ? passed : failed)++;
    }
    std::printf("iCE40 weight memory shapes: %d passed, %d failed\n", passed, failed);
    delete top;
    return failed ? 1 : 0;
}
