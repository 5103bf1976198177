// lc_hostlink.h : a small host side of the link protocol (docs/protocol.md), for the RTL tests
// Frames, go-back-N in both directions, credit, CONNECT; drives the board model through the
// C ABI of host/include/lifcore_board.h loaded with dlopen (as the host library does).
// SPDX-License-Identifier: MIT
#pragma once

#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "lifcore_board.h"

// the C ABI, resolved at run time
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

inline uint16_t crc16(const uint8_t *p, size_t n, uint16_t c = 0xFFFF) {
    for (size_t i = 0; i < n; i++) {
        c ^= uint16_t(p[i]) << 8;
        for (int k = 0; k < 8; k++) c = (c & 0x8000) ? uint16_t((c << 1) ^ 0x1021) : uint16_t(c << 1);
    }
    return c;
}

class HostLink {
  public:
    // statistics of the host side
    uint64_t frames_rx = 0, crc_err = 0, gaps = 0, resends = 0, goback = 0, timeouts = 0;
    uint64_t payload_tx = 0, wire_tx = 0, payload_rx = 0, wire_rx = 0;
    uint64_t rto = 120000;          // retransmission timeout, cycles

    HostLink(SimLib &lib, lcsim *h) : lib_(lib), h_(h) {}

    // queue command bytes (sent as credit allows)
    void send(const std::vector<uint8_t> &b) { out_.insert(out_.end(), b.begin(), b.end()); }

    // device stream: bytes received in order, not yet consumed
    std::deque<uint8_t> in;

    // session start: CONNECT until CONNECTED
    bool connect(uint64_t budget = 2000000) {
        connected_ = false;
        uint64_t start = lib_.cycles(h_);
        while (!connected_ && lib_.cycles(h_) - start < budget) {
            control(0x02);
            uint64_t t0 = lib_.cycles(h_);
            while (!connected_ && lib_.cycles(h_) - t0 < rto) poll_once(2000);
        }
        return connected_;
    }

    // run the link until `n` device bytes are waiting (or the budget runs out)
    bool need(size_t n, uint64_t budget = 50000000) {
        uint64_t start = lib_.cycles(h_);
        while (in.size() < n) {
            if (lib_.cycles(h_) - start > budget) return false;
            pump();
        }
        return true;
    }
    uint8_t get() {
        uint8_t b = in.front();
        in.pop_front();
        return b;
    }
    uint32_t get_le(int bytes) {
        uint32_t v = 0;
        for (int i = 0; i < bytes; i++) v |= uint32_t(get()) << (8 * i);
        return v;
    }
    bool all_acked() const { return snd_una_ == out_base_ + out_.size(); }

    // one round: transmit what credit allows, receive, acknowledge, time out
    void pump() {
        transmit();
        long got = poll_once(4000);
        // acknowledge every TXB/2 bytes (256 here), and whenever the device stream pauses
        if (rcv_nxt_ != ack_sent_ && (rcv_nxt_ - ack_sent_ >= 256 || got == 0)) control(0x00);
        uint64_t now = lib_.cycles(h_);
        if (now - last_progress_ > rto) {
            timeouts++;
            last_progress_ = now;
            if (snd_nxt_ != snd_una_) {
                snd_nxt_ = snd_una_;
                goback++;
            }
            in_recovery_ = false;
            control(0x01);                  // RESEND: also a poll
            resends++;
        }
    }

  private:
    SimLib &lib_;
    lcsim *h_;
    std::deque<uint8_t> out_;           // host stream from offset out_base_
    uint64_t out_base_ = 0, snd_una_ = 0, snd_nxt_ = 0, snd_max_ = 0, edge_ = 0, recover_at_ = 0;
    bool in_recovery_ = false, connected_ = false;
    uint64_t rcv_nxt_ = 0, ack_sent_ = 0, last_progress_ = 0, recovery_start_ = 0;
    // frame parser
    std::vector<uint8_t> fr_;
    bool gap_reported_ = false;

    static uint64_t extend(uint64_t ref, uint16_t v) {
        return ref + uint64_t(int64_t(int16_t(uint16_t(v - uint16_t(ref)))));
    }

    void frame(uint8_t flags, uint64_t seq, const uint8_t *p, size_t len) {
        std::vector<uint8_t> f(11 + len + (len ? 2 : 0));
        f[0] = 0xA5; f[1] = flags;
        f[2] = uint8_t(seq); f[3] = uint8_t(seq >> 8);
        f[4] = uint8_t(rcv_nxt_); f[5] = uint8_t(rcv_nxt_ >> 8);
        f[6] = 0; f[7] = 0; f[8] = uint8_t(len);
        uint16_t c = crc16(f.data(), 9);
        f[9] = uint8_t(c >> 8); f[10] = uint8_t(c);
        if (len) {
            std::memcpy(&f[11], p, len);
            c = crc16(p, len);
            f[11 + len] = uint8_t(c >> 8); f[12 + len] = uint8_t(c);
        }
        ack_sent_ = rcv_nxt_;
        wire_tx += f.size();
        payload_tx += len;
        lib_.write(h_, f.data(), f.size());
    }
    void control(uint8_t flags) { frame(flags, snd_nxt_, nullptr, 0); }

    void transmit() {
        uint64_t end = out_base_ + out_.size();
        while (snd_nxt_ < end && snd_nxt_ < edge_) {
            size_t len = size_t(std::min<uint64_t>({255, end - snd_nxt_, edge_ - snd_nxt_}));
            // no silly windows: a short frame only when it carries everything there is
            if (len < 128 && snd_nxt_ + len < end) break;
            uint8_t buf[255];
            for (size_t i = 0; i < len; i++) buf[i] = out_[size_t(snd_nxt_ - out_base_ + i)];
            frame(0x00, snd_nxt_, buf, len);
            snd_nxt_ += len;
            snd_max_ = std::max(snd_max_, snd_nxt_);
        }
    }

    long poll_once(uint64_t budget) {
        uint8_t buf[512];
        long n = lib_.read(h_, buf, sizeof buf, budget);
        for (long i = 0; i < n; i++) byte(buf[i]);
        return n;
    }

    void byte(uint8_t b) {
        wire_rx++;
        if (fr_.empty() && b != 0xA5) return;           // hunt
        fr_.push_back(b);
        if (fr_.size() == 11) {
            if (crc16(fr_.data(), 11) != 0) {
                crc_err++;
                fr_.clear();
                return;
            }
        }
        if (fr_.size() < 11) return;
        size_t len = fr_[8];
        size_t total = len ? 13 + len : 11;
        if (fr_.size() < total) return;
        if (len && crc16(&fr_[11], len + 2) != 0) {
            crc_err++;
            fr_.clear();
            return;
        }
        handle();
        fr_.clear();
    }

    void handle() {
        frames_rx++;
        uint8_t flags = fr_[1];
        uint16_t seq = uint16_t(fr_[2] | fr_[3] << 8), ack = uint16_t(fr_[4] | fr_[5] << 8);
        uint16_t win = uint16_t(fr_[6] | fr_[7] << 8);
        size_t len = fr_[8];
        if (!(flags & 0x80)) return;
        if (flags & 0x02) {                              // CONNECTED: new session
            if (!connected_) {
                connected_ = true;
                out_.clear(); out_base_ = snd_una_ = snd_nxt_ = snd_max_ = edge_ = 0;
                rcv_nxt_ = ack_sent_ = 0; in.clear(); in_recovery_ = false;
            }
        }
        if (!connected_) return;
        uint64_t now = lib_.cycles(h_);
        // acknowledgement and credit
        uint64_t a = extend(snd_una_, ack);
        if (a > snd_una_ && a <= snd_max_) {
            while (out_base_ < a) { out_.pop_front(); out_base_++; }
            snd_una_ = a;
            if (snd_nxt_ < a) snd_nxt_ = a;
            last_progress_ = now;
            if (in_recovery_ && a > recover_at_) in_recovery_ = false;
        }
        if (a >= snd_una_) edge_ = std::max(edge_, a + win);
        // NAK: go back once per recovery; a recovery ends when ACK passes where it
        // started, or after rto/8 (the resent frames were lost too)
        if (in_recovery_ && now - recovery_start_ > rto / 8) in_recovery_ = false;
        if ((flags & 0x01) && snd_nxt_ > snd_una_ && !in_recovery_) {
            in_recovery_ = true;
            recover_at_ = snd_una_;
            recovery_start_ = now;
            snd_nxt_ = snd_una_;
            goback++;
        }
        if (len == 0) return;
        uint64_t s = extend(rcv_nxt_, seq);
        if (s <= rcv_nxt_ && s + len > rcv_nxt_) {
            for (size_t i = size_t(rcv_nxt_ - s); i < len; i++) in.push_back(fr_[11 + i]);
            payload_rx += s + len - rcv_nxt_;
            rcv_nxt_ = s + len;
            last_progress_ = now;
            gap_reported_ = false;
        } else if (s > rcv_nxt_) {
            gaps++;
            if (!gap_reported_) {
                gap_reported_ = true;
                control(0x01);
                resends++;
            }
        }
    }
};
