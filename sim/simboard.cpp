// simboard.cpp : the Verilated lc_board as a shared library, the C ABI of lifcore_board.h
// Drives the RX pin bit by bit from a byte queue, decodes the TX pin bit by bit,
// injects bit errors and byte losses, optionally writes an FST trace.
// SPDX-License-Identifier: MIT

#include "lifcore_board.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <random>
#include <string>

#include "Vlc_board.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

#ifndef LCSIM_N
#error "build with -DLCSIM_N=... (sim/Makefile)"
#endif

namespace {

constexpr uint32_t kClksPerBit = LCSIM_CLK_HZ / LCSIM_BAUD;
static_assert(LCSIM_CLK_HZ % LCSIM_BAUD == 0, "CLK_HZ must be a multiple of BAUD");
static_assert(kClksPerBit >= 4, "at least 4 clocks per bit");

thread_local std::string g_error;

int fail(const std::string &why) {
    g_error = why;
    return -1;
}

}  // namespace

struct lcsim {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vlc_board> top;
#if VM_TRACE
    std::unique_ptr<VerilatedFstC> tfp;
#endif
    uint64_t cycles = 0;
    uint64_t time = 0;

    // fault injection
    double ber = 0.0, drop = 0.0;
    std::mt19937_64 rng{1};
    std::uniform_real_distribution<double> uni{0.0, 1.0};
    bool chance(double p) { return p > 0.0 && uni(rng) < p; }

    // host -> board serialiser
    std::deque<uint8_t> txq;
    uint32_t tx_bits = 0;      // the 10 line levels of the byte on the wire, LSB first
    int tx_bit = -1;           // bit being driven, -1 idle
    uint32_t tx_cnt = 0;       // cycles left in this bit

    // board -> host deserialiser
    std::deque<uint8_t> rxq;
    int rx_bit = -1;           // -1 idle, 0 start, 1..8 data, 9 stop
    uint32_t rx_cnt = 0;
    uint32_t rx_sh = 0;
    bool rx_prev = true;
    bool rx_corrupt = false;

    // statistics
    uint64_t bytes_to = 0, bytes_from = 0, flips_to = 0, flips_from = 0;
    uint64_t drops_to = 0, drops_from = 0, framing_from = 0;

    void dump() {
#if VM_TRACE
        if (tfp) tfp->dump(time);
#endif
        time++;
    }

    // the host's line level for this cycle
    void drive_rx() {
        if (tx_bit < 0) {
            while (!txq.empty()) {
                uint8_t b = txq.front();
                txq.pop_front();
                if (chance(drop)) {
                    drops_to++;
                    continue;
                }
                tx_bits = (1u << 9) | (uint32_t(b) << 1);   // start 0, data, stop 1
                for (int i = 0; i < 10; i++)
                    if (chance(ber)) {
                        tx_bits ^= 1u << i;
                        flips_to++;
                    }
                tx_bit = 0;
                tx_cnt = kClksPerBit;
                break;
            }
        }
        top->i_uart_rx = (tx_bit < 0) ? 1 : ((tx_bits >> tx_bit) & 1);
    }

    void advance_rx_bit() {
        if (tx_bit < 0) return;
        if (--tx_cnt == 0) {
            tx_cnt = kClksPerBit;
            if (++tx_bit == 10) {
                tx_bit = -1;
                bytes_to++;
            }
        }
    }

    // sample the board's TX pin like a host UART: mid-bit
    void sample_tx() {
        bool line = top->o_uart_tx;
        if (rx_bit < 0) {
            if (rx_prev && !line) {
                rx_bit = 0;
                rx_cnt = kClksPerBit / 2;
                rx_sh = 0;
            }
        } else if (--rx_cnt == 0) {
            bool v = line;
            if (chance(ber)) {
                v = !v;
                flips_from++;
            }
            rx_cnt = kClksPerBit;
            if (rx_bit == 0) {
                if (v) rx_bit = -1;                 // no start bit after all
                else rx_bit = 1;
            } else if (rx_bit <= 8) {
                rx_sh |= uint32_t(v) << (rx_bit - 1);
                rx_bit++;
            } else {
                if (!v) framing_from++;
                bytes_from++;
                if (chance(drop)) drops_from++;
                else rxq.push_back(uint8_t(rx_sh));
                rx_bit = -1;
            }
        }
        rx_prev = line;
    }

    void cycle() {
        drive_rx();
        top->i_clk = 0;
        top->eval();
        dump();
        top->i_clk = 1;
        top->eval();
        dump();
        cycles++;
        advance_rx_bit();
        sample_tx();
    }
};

extern "C" {

lcsim *lcsim_open(const char *opts) {
    auto h = std::make_unique<lcsim>();
    std::string trace;
    uint64_t seed = 1;
    std::string o = opts ? opts : "";
    size_t pos = 0;
    while (pos < o.size()) {
        size_t end = o.find_first_of(",&;", pos);
        if (end == std::string::npos) end = o.size();
        std::string kv = o.substr(pos, end - pos);
        pos = end + 1;
        if (kv.empty()) continue;
        size_t eq = kv.find('=');
        std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
        char *e = nullptr;
        if (k == "ber" || k == "drop") {
            double d = std::strtod(v.c_str(), &e);
            if (v.empty() || *e || d < 0.0 || d > 1.0) {
                fail("lcsim_open: " + k + " must be a number in 0..1, got '" + v + "'");
                return nullptr;
            }
            (k == "ber" ? h->ber : h->drop) = d;
        } else if (k == "seed") {
            seed = std::strtoull(v.c_str(), &e, 0);
            if (v.empty() || *e) {
                fail("lcsim_open: bad seed '" + v + "'");
                return nullptr;
            }
        } else if (k == "trace") {
            trace = v;
        } else {
            fail("lcsim_open: unknown option '" + k + "' (ber, drop, seed, trace)");
            return nullptr;
        }
    }
    h->rng.seed(seed);
    h->ctx = std::make_unique<VerilatedContext>();
    h->top = std::make_unique<Vlc_board>(h->ctx.get(), "lc_board");
    if (!trace.empty()) {
#if VM_TRACE
        h->ctx->traceEverOn(true);
        h->tfp = std::make_unique<VerilatedFstC>();
        h->top->trace(h->tfp.get(), 99);
        h->tfp->open(trace.c_str());
        if (!h->tfp->isOpen()) {
            fail("lcsim_open: cannot open trace file " + trace);
            return nullptr;
        }
#else
        fail("lcsim_open: this library was built without tracing");
        return nullptr;
#endif
    }
    h->top->i_rst = 1;
    h->top->i_uart_rx = 1;
    for (int i = 0; i < 8; i++) h->cycle();
    h->top->i_rst = 0;
    // a board top holds its own power-on reset a little longer (lc_por): let it
    // finish before the host speaks, as a host would wait for a board to boot
    for (int i = 0; i < 64; i++) h->cycle();
    g_error.clear();
    return h.release();
}

void lcsim_close(lcsim *h) {
    if (!h) return;
#if VM_TRACE
    if (h->tfp) h->tfp->close();
#endif
    h->top->final();
    delete h;
}

int lcsim_info(const lcsim *h, struct lcsim_info *info) {
    if (!h || !info) return fail("lcsim_info: NULL argument");
    info->abi_version = LCSIM_ABI_VERSION;
    info->n = LCSIM_N;
    info->m = LCSIM_M;
    info->p = LCSIM_P;
    info->wmem_1port = LCSIM_WMEM_1PORT;
    info->clk_hz = LCSIM_CLK_HZ;
    info->baud = LCSIM_BAUD;
    info->rxb = LCSIM_RXB;
    info->txb = LCSIM_TXB;
    return 0;
}

int lcsim_write(lcsim *h, const uint8_t *data, size_t len) {
    if (!h || (!data && len)) return fail("lcsim_write: NULL argument");
    h->txq.insert(h->txq.end(), data, data + len);
    return 0;
}

long lcsim_read(lcsim *h, uint8_t *buf, size_t max, uint64_t max_cycles) {
    if (!h || (!buf && max)) return fail("lcsim_read: NULL argument");
    if (max == 0) {
        for (uint64_t i = 0; i < max_cycles; i++) h->cycle();
        return 0;
    }
    for (uint64_t i = 0; i < max_cycles && h->rxq.empty(); i++) h->cycle();
    size_t n = 0;
    while (n < max && !h->rxq.empty()) {
        buf[n++] = h->rxq.front();
        h->rxq.pop_front();
    }
    return long(n);
}

int lcsim_run(lcsim *h, uint64_t cycles) {
    if (!h) return fail("lcsim_run: NULL handle");
    for (uint64_t i = 0; i < cycles; i++) h->cycle();
    return 0;
}

uint64_t lcsim_cycles(const lcsim *h) { return h ? h->cycles : 0; }

size_t lcsim_tx_pending(const lcsim *h) {
    return h ? h->txq.size() + (h->tx_bit >= 0 ? 1 : 0) : 0;
}

uint64_t lcsim_stat(const lcsim *h, const char *name) {
    if (!h || !name) return 0;
    const std::string k = name;
    if (k == "bytes_to_board") return h->bytes_to;
    if (k == "bytes_from_board") return h->bytes_from;
    if (k == "bits_flipped_to_board") return h->flips_to;
    if (k == "bits_flipped_from_board") return h->flips_from;
    if (k == "bytes_dropped_to_board") return h->drops_to;
    if (k == "bytes_dropped_from_board") return h->drops_from;
    if (k == "framing_from_board") return h->framing_from;
    if (k == "led_error") return h->top->o_led_error;
    if (k == "led_activity") return h->top->o_led_activity;
    return 0;
}

const char *lcsim_error(void) { return g_error.c_str(); }

}  // extern "C"
