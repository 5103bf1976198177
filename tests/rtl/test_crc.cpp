// test_crc.cpp : lc_crc16 is CRC-16/CCITT-FALSE, one byte per cycle
// Check value "123456789" -> 0x29B1, zero residue after the CRC (MSB first),
// restart with and without a byte, random messages against a bitwise C model.
// SPDX-License-Identifier: MIT

#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "Vlc_crc16.h"
#include "verilated.h"

namespace {

int g_pass = 0, g_fail = 0;

void report(const char *name, bool ok, const char *detail = "") {
    std::printf("%s %s%s%s\n", ok ? "PASS" : "FAIL", name, *detail ? ": " : "", detail);
    (ok ? g_pass : g_fail)++;
}

uint16_t model(const std::vector<uint8_t> &m) {
    uint16_t c = 0xFFFF;
    for (uint8_t b : m)
        for (int k = 7; k >= 0; k--) {
            int fb = ((c >> 15) ^ (b >> k)) & 1;
            c = uint16_t(c << 1) ^ (fb ? 0x1021 : 0);
        }
    return c;
}

struct Dut {
    std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
    std::unique_ptr<Vlc_crc16> top{new Vlc_crc16(ctx.get())};
    void clk() {
        top->i_clk = 0;
        top->eval();
        top->i_clk = 1;
        top->eval();
    }
    // feed a message; the first byte restarts the CRC in the same cycle
    uint16_t run(const std::vector<uint8_t> &m, bool gaps = false) {
        if (m.empty()) {
            top->i_init = 1;
            top->i_valid = 0;
            clk();
            top->i_init = 0;
            return top->o_crc;
        }
        for (size_t i = 0; i < m.size(); i++) {
            top->i_init = i == 0;
            top->i_valid = 1;
            top->i_data = m[i];
            clk();
            if (gaps) {
                top->i_init = 0;
                top->i_valid = 0;
                clk();
            }
        }
        top->i_init = 0;
        top->i_valid = 0;
        return top->o_crc;
    }
};

}  // namespace

int main(int argc, char **argv) {
    Verilated::commandArgs(argc, argv);
    Dut d;
    std::vector<uint8_t> check = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
    uint16_t c = d.run(check);
    char s[64];
    std::snprintf(s, sizeof s, "0x%04X", c);
    report("test_crc_check_value_123456789_is_0x29B1", c == 0x29B1, s);
    std::vector<uint8_t> with = check;
    with.push_back(uint8_t(c >> 8));
    with.push_back(uint8_t(c));
    report("test_crc_residue_zero_after_crc_msb_first", d.run(with) == 0);
    report("test_crc_restart_without_byte_gives_ffff", d.run({}) == 0xFFFF);
    report("test_crc_holds_between_bytes", d.run(check, true) == 0x29B1);
    std::mt19937_64 rng(5);
    int bad = 0;
    for (int t = 0; t < 500; t++) {
        std::vector<uint8_t> m(1 + rng() % 300);
        for (auto &b : m) b = uint8_t(rng());
        if (d.run(m) != model(m)) bad++;
    }
    std::snprintf(s, sizeof s, "500 random messages, %d mismatches", bad);
    report("test_crc_matches_bitwise_model", bad == 0, s);
    std::printf("%d passed, %d failed\n", g_pass, g_fail);
    return g_fail ? 1 : 0;
}
