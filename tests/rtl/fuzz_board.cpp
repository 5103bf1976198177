// fuzz_board.cpp : the RTL frame decoder of lc_board under random and mutated frames
// Loads a random network through the protocol (the host library's lc_link), then for each
// round pushes a burst of random and mutated frames into the board's UART rx pin (valid
// frames with out-of-range SEQ, bit flips, truncation, wrong CRC, wrong LEN, garbage, SOF
// inside payloads, wrong DIR, CONNECT with payload, unknown opcodes, random ACK/RESEND),
// reconnects with lc_link and checks that a READ and a STEP still answer (the STEP output
// against the C reference model) within a cycle bound. At the end all weights, parameters
// and state are read back and compared with the model, and the device link counters must
// have moved and be consistent. Usage:
//   fuzz_board --lib liblcsim.so [--frames N] [--burst K] [--seed S] [--mutant]
// (--mutant changes one weight behind the model's back: the read-back check must fail)
// Ends with one summary line and "N passed, N failed".
// SPDX-License-Identifier: MIT

#define LC_TEST_BOARD_NO_MAIN
#include "test_board.cpp"

extern "C" {
#include "lc_frame.h"
#include "lc_link_int.h"
}

namespace {

// every payload byte of a frame the device might accept is this unknown opcode (the device
// skips it and counts bad_cmd), so that no fuzz frame can change the network
constexpr uint8_t BAD_OP = 0xF5;

struct Fuzz {
    uint64_t rng;
    uint64_t frames = 0, bytes = 0;
    uint64_t kinds[16] = {};
    uint64_t rnd(uint64_t n) { return lc_random_below(&rng, n); }
    // a short payload usually, sometimes a long one (cycle cost: 40 clocks per byte)
    size_t plen() { return rnd(8) == 0 ? rnd(256) : rnd(24); }

    // one fuzz frame appended to out; expect is the device's next expected host offset
    // (low 16 bits), ack a plausible ACK
    void frame(std::vector<uint8_t> &out, uint16_t expect, uint16_t ack) {
        uint8_t f[LC_MAX_FRAME + 64];
        uint8_t pl[LC_MAX_PAYLOAD];
        size_t len = plen();
        std::memset(pl, BAD_OP, len);
        uint16_t ahead = uint16_t(expect + 1 + rnd(32000));    // a gap: SEQ ahead
        uint16_t behind = uint16_t(expect - 1 - rnd(32000));   // a duplicate: SEQ behind
        uint16_t a = rnd(4) == 0 ? uint16_t(rnd(65536)) : ack;
        uint8_t flags = rnd(8) == 0 ? 0x01 : 0x00;              // RESEND now and then
        uint16_t seq = rnd(2) ? ahead : behind;
        size_t n = 0;
        unsigned k = unsigned(rnd(12));
        kinds[k]++;
        switch (k) {
        case 0:   // valid, SEQ out of range (gap or duplicate)
            n = lc_frame_build(f, flags, seq, a, 0, pl, len);
            break;
        case 1: {   // 1..3 bit flips (always caught by CRC-16, or the SOF is lost)
            n = lc_frame_build(f, flags, seq, a, 0, pl, len);
            for (int i = 0, nf = 1 + int(rnd(3)); i < nf; i++) f[rnd(n)] ^= uint8_t(1u << rnd(8));
            break;
        }
        case 2:   // truncated: the next frame's bytes are read as its rest, or the timeout drops it
            n = lc_frame_build(f, flags, seq, a, 0, pl, len);
            n = 1 + rnd(n - 1);
            break;
        case 3:   // wrong payload CRC (or header CRC for a control frame)
            n = lc_frame_build(f, flags, seq, a, 0, pl, len ? len : 1);
            f[n - 1 - rnd(2)] ^= uint8_t(1 + rnd(255));
            break;
        case 4: {   // wrong LEN with a good header CRC: the payload CRC lands elsewhere
            n = lc_frame_build(f, flags, seq, a, 0, pl, len);
            uint8_t nl = uint8_t(rnd(256));
            if (nl == f[8]) nl ^= 1;
            f[8] = nl;
            uint16_t c = lc_crc16(f, 9, 0xFFFF);
            f[9] = uint8_t(c >> 8);
            f[10] = uint8_t(c);
            break;
        }
        case 5: {   // wrong LEN, header CRC left stale
            n = lc_frame_build(f, flags, seq, a, 0, pl, len);
            f[8] ^= uint8_t(1 + rnd(255));
            break;
        }
        case 6: {   // raw random bytes (SOF among them now and then)
            n = 1 + rnd(40);
            for (size_t i = 0; i < n; i++) f[i] = rnd(6) == 0 ? LC_SOF : uint8_t(rnd(256));
            break;
        }
        case 7: {   // SOF and whole frame headers inside a payload with a good CRC, SEQ behind
            size_t l = 12 + rnd(60);
            for (size_t i = 0; i < l; i++) pl[i] = uint8_t(rnd(256));
            uint8_t inner[LC_MAX_FRAME];
            size_t in = lc_frame_build(inner, 0, expect, ack, 0, nullptr, 0);
            size_t at = rnd(l - in + 1);
            std::memcpy(pl + at, inner, in);
            pl[rnd(l)] = LC_SOF;
            n = lc_frame_build(f, flags, behind, a, 0, pl, l);
            if (rnd(2)) f[n - 1] ^= 0x5A;   // and sometimes a bad CRC too
            break;
        }
        case 8:   // wrong DIR (a device frame sent to the device)
            n = lc_frame_build(f, 0x80 | flags, seq, a, 0, pl, len);
            break;
        case 9:   // CONNECT with a payload (only allowed with LEN = 0)
            n = lc_frame_build(f, 0x02, expect, a, 0, pl, len ? len : 1);
            break;
        case 10:   // unknown opcodes at the expected SEQ: executed, skipped, counted as bad_cmd
            n = lc_frame_build(f, 0, expect, ack, 0, pl, len ? len : 1);
            break;
        default: {   // a valid frame cut and followed by random bytes, then another valid one
            n = lc_frame_build(f, flags, seq, a, 0, pl, len);
            size_t cut = 1 + rnd(n - 1);
            size_t g = rnd(8);
            for (size_t i = 0; i < g; i++) f[cut + i] = uint8_t(rnd(256));
            n = cut + g;
            break;
        }
        }
        out.insert(out.end(), f, f + n);
        frames++;
        bytes += n;
    }
};

int fuzz_main(SimLib &lib, uint64_t seed, uint64_t nframes, unsigned burst, bool mutant) {
    Board b(lib, "");
    if (!b.h || !b.connect()) {
        report("fuzz_connect", false, b.err);
        return 1;
    }
    struct lc_net *net = nullptr;
    if (lc_random_net(seed, b.n, b.m, &net) != LC_OK) {
        report("fuzz_random_net", false, "lc_random_net");
        return 1;
    }
    struct lc_ref *ref = nullptr;
    lc_ref_create(net, &ref);
    load_net(b, net);
    b.write(CMD, 1, 0, {LC_CMD_RESET_STATE});
    std::string why;
    bool ok = b.sync() && compare_all(b, ref, why);
    report("fuzz_network_loaded", ok, ok ? fmt("seed %" PRIu64, seed) : why + b.err);
    if (!ok) return 1;
    b.write(LC_REG_LINK + LC_LINK_CMD - 1, 1, 1, {0x00, LC_LINK_CMD_CLEAR_COUNTERS});
    b.sync();

    Fuzz fz;
    fz.rng = seed * 0x9E3779B97F4A7C15ull + 1;
    uint64_t in_seed = seed + 12345;
    const uint32_t nin = net->n_inputs;
    const uint64_t c_start = lib.cycles(b.h);
    uint64_t worst = 0, rounds = 0, round_fail = 0;
    // bound on a round's recovery (burst on the wire, the inter-byte timeout, a reconnect,
    // a READ and a STEP): far above what it takes, far below "forever"
    const uint64_t per_byte = 10ull * b.info.clk_hz / b.info.baud;
    std::string first_fail;
    // the device's counters are LCNT_W (16) bits wide and wrap in a long run: their
    // per-round changes (far below 65536) are added up here
    std::vector<uint64_t> tot(LC_LINK_NCOUNTERS, 0);
    std::vector<uint32_t> last = link_counters(b);
    auto add_counters = [&]() {
        auto c = link_counters(b);
        if (c.size() != LC_LINK_NCOUNTERS || last.size() != LC_LINK_NCOUNTERS) return false;
        for (size_t i = 0; i < c.size(); i++) tot[i] += uint16_t(c[i] - last[i]);
        last = c;
        return true;
    };
    while (fz.frames < nframes) {
        rounds++;
        std::vector<uint8_t> wire;
        uint16_t expect = uint16_t(b.link->tx_end), ack = uint16_t(b.link->rx_expect);
        for (unsigned i = 0; i < burst && fz.frames < nframes; i++) {
            fz.frame(wire, expect, ack);
        }
        uint64_t c0 = lib.cycles(b.h);
        lib.write(b.h, wire.data(), wire.size());
        const uint64_t bound = wire.size() * per_byte + 40ull * b.info.clk_hz / 1000;   // + 40 ms
        bool r = b.connect();
        if (mutant && rounds == 3) {   // --mutant: a weight changed behind the model's back
            const int8_t w0 = net->w_rec[0];
            b.write(b.syn_addr(0, 0), 1, 1, {uint8_t(w0 ^ 0x10)});
        }
        std::string step_why;
        std::vector<uint32_t> ver;
        if (r) ver = b.read(VERSION, 4, 1, 1);
        r = r && ver.size() == 1 && ver[0] == LC_CORE_VERSION_VALUE;
        if (r) {   // one STEP with random inputs, its output checked against the model
            std::vector<uint32_t> inp;
            for (uint32_t j = 0; j < nin; j++)
                if (lc_random_below(&in_seed, 100) < 20) inp.push_back(j);
            Board::Stream st;
            st.gen = [&](uint64_t) { return inp; };
            st.out = [&](uint64_t, const std::vector<uint32_t> &out, size_t) {
                std::vector<uint32_t> want(net->n_neurons);
                size_t n_out = 0;
                lc_ref_step(ref, inp.data(), inp.size(), want.data(), &n_out);
                want.resize(n_out);
                if (out != want) step_why = fmt("STEP output %zu spikes, model %zu", out.size(), n_out);
                return out == want;
            };
            r = b.stream(1, st) && step_why.empty();
            if (!r && step_why.empty()) step_why = st.why;
        }
        if (r && !add_counters()) { r = false; step_why = "counter read: " + b.err; }
        uint64_t took = lib.cycles(b.h) - c0;
        worst = std::max(worst, took);
        if (!r || took > bound) {
            round_fail++;
            if (first_fail.empty())
                first_fail = fmt("round %" PRIu64 " seed %" PRIu64 ": %s (%" PRIu64 " cycles, bound %" PRIu64 ")",
                                 rounds, seed, !r ? (step_why.empty() ? b.err.c_str() : step_why.c_str()) : "too slow",
                                 took, bound);
            b.err.clear();
            if (!r && !b.connect()) break;   // the board is gone: stop
        }
    }
    const uint64_t cyc = lib.cycles(b.h) - c_start;
    report("fuzz_every_round_answers_within_its_cycle_bound", round_fail == 0,
           round_fail ? fmt("%" PRIu64 " rounds failed, first: %s", round_fail, first_fail.c_str())
                      : fmt("%" PRIu64 " rounds, worst recovery %" PRIu64 " cycles", rounds, worst));

    b.err.clear();
    ok = b.connect() && compare_all(b, ref, why);
    report("fuzz_network_read_back_equals_the_model", ok, ok ? "weights, parameters, state, input traces" : why + b.err);

    ok = add_counters();
    std::string cs;
    if (ok) {
        const auto &c = tot;
        const uint64_t rx_ok = c[CNT(LC_LINK_RX_OK)], crc = c[CNT(LC_LINK_CRC_ERR)], rs = c[CNT(LC_LINK_RESYNC)],
                       to = c[CNT(LC_LINK_TIMEOUT)], fr = c[CNT(LC_LINK_FRAMING)], dup = c[CNT(LC_LINK_DUP)],
                       dr = c[CNT(LC_LINK_DROPPED)], bad = c[CNT(LC_LINK_BAD_CMD)];
        cs = fmt("rx_ok %" PRIu64 " crc_err %" PRIu64 " resync %" PRIu64 " timeout %" PRIu64 " framing %" PRIu64
                 " dup %" PRIu64 " dropped %" PRIu64 " retransmit %" PRIu64 " bad_cmd %" PRIu64,
                 rx_ok, crc, rs, to, fr, dup, dr, c[CNT(LC_LINK_RETRANSMIT)], bad);
        // moved: every kind of loss was produced; consistent: duplicates are intact frames
        // (within rx_ok; drops are not all: wrong DIR and CONNECT with a payload are dropped
        // at the header, outside rx_ok), no loss counter above the frames sent, no framing
        // error (bytes are sent whole at the byte level)
        const uint64_t sent = fz.frames + rounds * 64;   // fuzz frames and a generous share of the host's own
        ok = crc > 0 && rs > 0 && to > 0 && dup > 0 && dr > 0 && bad > 0 && fr == 0 && dup <= rx_ok &&
             crc <= sent && dup + dr <= sent && to <= fz.frames && rx_ok <= sent;
    }
    report("fuzz_link_counters_moved_and_consistent", ok, ok ? cs : cs + b.err);
    const double secs = double(cyc) / b.info.clk_hz;
    std::printf("fuzz: seed %" PRIu64 ", %" PRIu64 " frames (%" PRIu64 " bytes) in %" PRIu64 " rounds of %u, "
                "%" PRIu64 " cycles (%.2f s of board time); device: %s\n",
                seed, fz.frames, fz.bytes, rounds, burst, cyc, secs, cs.c_str());
    lc_ref_free(ref);
    lc_net_free(net);
    return g_fail ? 1 : 0;
}

}  // namespace

int main(int argc, char **argv) {
    const char *libpath = "build/sim/liblcsim.so";
    uint64_t seed = 1, frames = 20000;
    unsigned burst = 50;
    bool mutant = false;   // checks that the read-back check can fail
    for (int i = 1; i < argc; i++) {
        if (!std::strcmp(argv[i], "--lib") && i + 1 < argc) libpath = argv[++i];
        else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 0);
        else if (!std::strcmp(argv[i], "--frames") && i + 1 < argc) frames = std::strtoull(argv[++i], nullptr, 0);
        else if (!std::strcmp(argv[i], "--mutant")) mutant = true;
        else if (!std::strcmp(argv[i], "--burst") && i + 1 < argc) burst = unsigned(std::strtoul(argv[++i], nullptr, 0));
        else {
            std::printf("usage: fuzz_board [--lib liblcsim.so] [--frames N] [--burst K] [--seed S] [--mutant]\n");
            return 2;
        }
    }
    SimLib lib;
    if (!lib.load(libpath)) {
        std::printf("FAIL fuzz_board: cannot load %s\n0 passed, 1 failed\n", libpath);
        return 1;
    }
    int rc = fuzz_main(lib, seed, frames, burst ? burst : 1, mutant);
    std::printf("%d passed, %d failed\n", g_pass, g_fail);
    return rc;
}
