#!/usr/bin/env python3
# gen_map.py : the address map and protocol constants, from rtl/include/lc_map.toml
# Writes host/include/lifcore_map.h, rtl/include/lc_map.vh and python/lifcore/_map.py;
# --check only compares them with what the table gives (make lint) and exits 1 on a difference.
# SPDX-License-Identifier: MIT
"""Generate the C, Verilog and Python views of rtl/include/lc_map.toml.

    scripts/gen_map.py            write the three outputs
    scripts/gen_map.py --check    exit 1 if a committed output differs (prints a diff)

The output depends on the table only (no dates, no paths of this machine), so
--check is exact. Names follow host/src/lc_frame.h where it has them (LC_SOF,
LC_OP_*, LC_REG_*), so lc_frame.h can include lifcore_map.h and drop its copies.
"""

import argparse
import difflib
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "rtl" / "include" / "lc_map.toml"
OUT_C = ROOT / "host" / "include" / "lifcore_map.h"
OUT_V = ROOT / "rtl" / "include" / "lc_map.vh"
OUT_PY = ROOT / "python" / "lifcore" / "_map.py"
ACCESS = ("rw", "ro", "wo")


class TableError(Exception):
    pass


# ---------------------------------------------------------------------------
# the table, flattened into the items every output writes
# ---------------------------------------------------------------------------
def reg(name, offset, bits, access, signed=False, reset=0, value=None, doc=""):
    return {"name": name, "offset": offset, "bits": bits, "access": access,
            "signed": signed, "reset": reset, "value": value, "doc": doc}


def load(path=TABLE):
    with open(path, "rb") as f:
        t = tomllib.load(f)
    m = {"address": t["address"], "regions": t["address"]["regions"]}
    shift = t["address"]["region_shift"]
    for r in m["regions"]:
        r["base"] = r["number"] << shift

    core = [reg(r["name"], r["offset"], r["bits"], r["access"], r.get("signed", False),
                r.get("reset", 0), r.get("value"), r.get("doc", "")) for r in t["core"]["regs"]]
    stdp_sets, stdp_fields = t["stdp"]["sets"], t["stdp"]["fields"]
    for s in stdp_sets:
        for f in stdp_fields:
            core.append(reg("stdp_%s_%s" % (s["name"], f["name"]), s["base"] + f["index"],
                            f["bits"], f["access"], f.get("signed", False), f.get("reset", 0),
                            doc="stdp_%s.%s" % (s["name"], f["name"])))
    core.sort(key=lambda r: r["offset"])
    m["core"] = core
    m["core_offset_bits"] = t["core"]["offset_bits"]
    m["cmd"] = sorted(t["core"]["cmd"].items(), key=lambda kv: kv[1]["bit"])
    m["stdp_sets"], m["stdp_fields"] = stdp_sets, stdp_fields
    m["neuron"] = t["neuron"]
    m["xin"] = t["xin"]
    m["synapse"] = t["synapse"]
    m["link"] = t["link"]
    m["link_cmd"] = sorted(t["link"]["cmd"].items(), key=lambda kv: kv[1]["bit"])
    m["router"] = t["router"]
    m["router_cmd"] = sorted(t["router"]["cmd"].items(), key=lambda kv: kv[1]["bit"])
    m["protocol"] = t["protocol"]
    check(m)
    return m


def check(m):
    """Refuse a table that cannot be decoded: overlaps, fields that do not fit."""
    def unique(what, items, key):
        seen = {}
        for it in items:
            k = key(it)
            if k in seen:
                raise TableError("%s: %s and %s share %r" % (what, seen[k], it["name"], k))
            seen[k] = it["name"]

    unique("regions", m["regions"], lambda r: r["number"])
    unique("regions", m["regions"], lambda r: r["name"])
    for r in m["regions"]:
        if not 0 <= r["number"] < 1 << m["address"]["region_bits"]:
            raise TableError("region %s: number out of range" % r["name"])
    words = []
    for r in m["core"]:
        if r["access"] not in ACCESS:
            raise TableError("core %s: access %r" % (r["name"], r["access"]))
        n = 2 if r["bits"] == 64 else 1
        words += [{"name": r["name"], "offset": r["offset"] + k} for k in range(n)]
        if not 1 <= r["bits"] <= 32 and r["bits"] != 64:
            raise TableError("core %s: bits %d" % (r["name"], r["bits"]))
    unique("core registers", words, lambda r: r["offset"])
    for w in words:
        if not 0 <= w["offset"] < 1 << m["core_offset_bits"]:
            raise TableError("core %s: offset 0x%X beyond offset_bits" % (w["name"], w["offset"]))
    unique("command bits", [dict(v, name=k) for k, v in m["cmd"]], lambda c: c["bit"])
    stride = m["neuron"]["stride"]
    if stride != 1 << m["neuron"]["field_bits"]:
        raise TableError("neuron: stride must be 1 << field_bits")
    for kind in ("param", "state"):
        unique("neuron " + kind, m["neuron"][kind], lambda f: f["index"])
        for f in m["neuron"][kind]:
            if not 0 <= f["index"] < stride or not 1 <= f["bits"] <= 32:
                raise TableError("neuron %s %s: index or bits out of range" % (kind, f["name"]))
    unique("link registers", m["link"]["regs"], lambda r: r["offset"])
    unique("router registers", m["router"]["regs"], lambda r: r["offset"])
    unique("protocol constants", m["protocol"]["consts"], lambda c: c["name"])


def cname(s):
    return s.upper()


def const(m, name):
    for c in m["protocol"]["consts"]:
        if c["name"] == name:
            return c["value"]
    raise TableError("protocol: no %s" % name)


def link_counters(m):
    cnt = [r for r in m["link"]["regs"] if r.get("counter")]
    offs = [r["offset"] for r in cnt]
    if offs != list(range(offs[0], offs[0] + len(offs))):
        raise TableError("link counters must be consecutive (one READ gets them all)")
    return cnt


# ---------------------------------------------------------------------------
# C
# ---------------------------------------------------------------------------
def gen_c(m):
    o = []
    w = o.append
    w("/* lifcore_map.h : the configuration address map and the link protocol's constants")
    w(" * GENERATED by scripts/gen_map.py from rtl/include/lc_map.toml: edit the table,")
    w(" * then run scripts/gen_map.py (make lint checks that this file matches it).")
    w(" * docs/architecture.md \"Configuration address map\", docs/protocol.md.")
    w(" * SPDX-License-Identifier: MIT")
    w(" */")
    w("#ifndef LIFCORE_MAP_H")
    w("#define LIFCORE_MAP_H")
    w("")
    w("#include <stdint.h>")
    w("")
    a = m["address"]
    w("/* regions: addr[%d:%d] selects one, [%d:0] is the offset */"
      % (a["region_shift"] + a["region_bits"] - 1, a["region_shift"], a["offset_bits"] - 1))
    w("#define LC_REGION_SHIFT %d" % a["region_shift"])
    w("#define LC_OFFSET_MASK 0x%Xu" % ((1 << a["offset_bits"]) - 1))
    for r in m["regions"]:
        w("#define LC_REGION_%s 0x%X /* %s */" % (r["name"], r["number"], r["doc"]))
    for r in m["regions"]:
        w("#define LC_REG_%s 0x%07Xu" % (r["name"], r["base"]))
    w("")
    w("/* region 0: core registers (offset, then _BITS: the bits it holds) */")
    for r in m["core"]:
        extra = []
        if r["signed"]:
            extra.append("signed")
        extra.append(r["access"].upper())
        if r["doc"]:
            extra.append(r["doc"])
        w("#define LC_CORE_%s 0x%02X /* %s */" % (cname(r["name"]), r["offset"], ", ".join(extra)))
        w("#define LC_CORE_%s_BITS %d" % (cname(r["name"]), r["bits"]))
    w("#define LC_CORE_VERSION_VALUE 0x%08Xu" % next(
        r["value"] for r in m["core"] if r["name"] == "version"))
    for s in m["stdp_sets"]:
        w("#define LC_CORE_STDP_%s 0x%02X /* base of the %s STDP set */"
          % (cname(s["name"]), s["base"], s["doc"]))
    for f in m["stdp_fields"]:
        w("#define LC_STDP_%s %d" % (cname(f["name"]), f["index"]))
    w("#define LC_STDP_COUNT %d" % len(m["stdp_fields"]))
    w("")
    w("/* the command register LC_CORE_CMD: bit numbers and masks */")
    for k, v in m["cmd"]:
        w("#define LC_CMD_%s_BIT %d /* %s */" % (cname(k), v["bit"], v["doc"]))
        w("#define LC_CMD_%s (1u << %d)" % (cname(k), v["bit"]))
    w("")
    w("/* every core register: X(NAME, offset, bits, is_signed, ACCESS, reset value);")
    w(" * ro registers whose value is a core parameter give it in LC_CORE_RO_VALUES */")
    w("#define LC_CORE_REGS(X) \\")
    for r in m["core"]:
        w("    X(%s, 0x%02X, %d, %d, %s, %d) \\" % (cname(r["name"]), r["offset"], r["bits"],
                                                int(r["signed"]), r["access"].upper(), r["reset"]))
    w("    /* end */")
    w("/* read-only registers with a fixed value: X(NAME, value or core parameter) */")
    w("#define LC_CORE_RO_VALUES(X) \\")
    for r in m["core"]:
        if r["value"] is not None:
            v = r["value"] if isinstance(r["value"], str) else "0x%08Xu" % r["value"]
            w("    X(%s, %s) \\" % (cname(r["name"]), v))
    w("    /* end */")
    w("")
    n = m["neuron"]
    w("/* regions 1 and 2: field f of neuron i at offset i * LC_NEURON_STRIDE + f */")
    w("#define LC_NEURON_STRIDE %d" % n["stride"])
    w("#define LC_NEURON_FIELD_BITS %d" % n["field_bits"])
    for kind in ("param", "state"):
        for f in n[kind]:
            w("#define LC_%s_%s %d /* %d bits%s */" % (kind.upper(), cname(f["name"]), f["index"],
                                                      f["bits"], ", signed" if f.get("signed") else ""))
            w("#define LC_%s_%s_BITS %d" % (kind.upper(), cname(f["name"]), f["bits"]))
        w("#define LC_%s_COUNT %d" % (kind.upper(), len(n[kind])))
        w("/* X(NAME, field, bits, is_signed) */")
        w("#define LC_%s_FIELDS(X) \\" % kind.upper())
        for f in n[kind]:
            w("    X(%s, %d, %d, %d) \\" % (cname(f["name"]), f["index"], f["bits"],
                                          int(f.get("signed", False))))
        w("    /* end */")
    w("")
    w("/* region 3: input trace j at offset j */")
    w("#define LC_XIN_BITS %d" % m["xin"]["bits"])
    w("")
    s = m["synapse"]
    w("/* region 4: synapse {plastic, w} of (row, col): row < N recurrent, row >= N input row-N */")
    w("#define LC_SYN_W_BITS %d" % s["w_bits"])
    w("#define LC_SYN_PLASTIC_BIT %d" % s["plastic_bit"])
    w("")
    w("/* bits to count 0..v-1 (0 for v <= 1) */")
    w("static inline uint32_t lc_map_clog2(uint32_t v)")
    w("{")
    w("    uint32_t r = 0;")
    w("    while (r < 32 && (1ull << r) < v)")
    w("        r++;")
    w("    return r;")
    w("}")
    w("")
    w("/* lane bits LW = max(%d, clog2(P)) */" % s["min_index_bits"])
    w("static inline uint32_t lc_syn_lw(uint32_t p)")
    w("{")
    w("    uint32_t b = lc_map_clog2(p);")
    w("    return b < %du ? %du : b;" % (s["min_index_bits"], s["min_index_bits"]))
    w("}")
    w("")
    w("/* word bits RWW = max(%d, clog2(ceil(N/P))) */" % s["min_index_bits"])
    w("static inline uint32_t lc_syn_rww(uint32_t n, uint32_t p)")
    w("{")
    w("    uint32_t b = lc_map_clog2((n + p - 1) / p);")
    w("    return b < %du ? %du : b;" % (s["min_index_bits"], s["min_index_bits"]))
    w("}")
    w("")
    w("/* offset of synapse (row, col) inside region 4, from the field widths RWW and LW */")
    w("static inline uint32_t lc_syn_offset(uint32_t rww, uint32_t lw, uint32_t p, uint32_t row,")
    w("                                     uint32_t col)")
    w("{")
    w("    return row << (rww + lw) | (col / p) << lw | (col % p);")
    w("}")
    w("")
    w("/* address of synapse (row, col) in a core of n neurons and p lanes, region included */")
    w("static inline uint32_t lc_map_syn_addr(uint32_t n, uint32_t p, uint32_t row, uint32_t col)")
    w("{")
    w("    return LC_REG_SYN | lc_syn_offset(lc_syn_rww(n, p), lc_syn_lw(p), p, row, col);")
    w("}")
    w("")
    lk = m["link"]
    cnt = link_counters(m)
    w("/* region 0xF: link registers */")
    for r in lk["regs"]:
        w("#define LC_LINK_%s 0x%02X /* %s%s */" % (cname(r["name"]), r["offset"], r["access"].upper(),
                                                   ": " + r["doc"] if r.get("doc") else ""))
    w("#define LC_LINK_COUNTERS 0x%02X /* the first counter */" % cnt[0]["offset"])
    w("#define LC_LINK_NCOUNTERS %d" % len(cnt))
    w("#define LC_LINK_COUNTER_BITS %d /* LCNT_W by default */" % lk["counter_bits"])
    for k, v in m["link_cmd"]:
        w("#define LC_LINK_CMD_%s_BIT %d /* %s */" % (cname(k), v["bit"], v["doc"]))
        w("#define LC_LINK_CMD_%s (1u << %d)" % (cname(k), v["bit"]))
    w("")
    ro = m["router"]
    w("/* a system of cores: addr[%d:%d] is the target (core c, the router at C) */"
      % (ro["target_shift"] + ro["target_bits"] - 1, ro["target_shift"]))
    w("#define LC_TARGET_SHIFT %d" % ro["target_shift"])
    w("#define LC_TARGET_BITS %d" % ro["target_bits"])
    for r in ro["regions"]:
        w("#define LC_ROUTER_%s 0x%07Xu /* %s */" % (r["name"], r["number"] << m["address"]["region_shift"], r["doc"]))
    for k in ("index_core_shift", "index_count_shift", "entry_delay_shift", "entry_core_shift"):
        w("#define LC_ROUTER_%s %d" % (k.upper(), ro[k]))
    for r in ro["regs"]:
        w("#define LC_ROUTER_REG_%s 0x%02X /* %s: %s */" % (cname(r["name"]), r["offset"],
                                                           r["access"].upper(), r["doc"]))
    for k, v in m["router_cmd"]:
        w("#define LC_ROUTER_CMD_%s (1u << %d) /* %s */" % (cname(k), v["bit"], v["doc"]))
    w("")
    p = m["protocol"]
    w("/* the link protocol (docs/protocol.md) */")
    for c in p["consts"]:
        v = "0x%0*X" % (c["hex"], c["value"]) if c.get("hex") else "%d" % c["value"]
        w("#define LC_%s %s%s" % (c["name"], v, " /* %s */" % c["doc"] if c.get("doc") else ""))
    w("#define LC_MAX_FRAME (LC_HDR_LEN + LC_MAX_PAYLOAD + %d)" % const(m, "CRC_LEN"))
    w("/* IDENTIFY answer fields after the 0xF1 byte: offset, then _SIZE in bytes */")
    for f in p["identify"]:
        w("#define LC_IDENT_%s %d" % (cname(f["name"]), f["offset"]))
        w("#define LC_IDENT_%s_SIZE %d" % (cname(f["name"]), f["size"]))
    w("/* feature bits (IDENTIFY, link register 0x01) */")
    for f in p["features"]:
        w("#define LC_FEATURE_%s (1u << %d) /* %s */" % (f["name"], f["bit"], f["doc"]))
    w("")
    w("#endif /* LIFCORE_MAP_H */")
    return "\n".join(o) + "\n"


# ---------------------------------------------------------------------------
# Verilog
# ---------------------------------------------------------------------------
def gen_v(m):
    o = []
    w = o.append
    w("// lc_map.vh : the configuration address map and the link protocol's constants")
    w("// GENERATED by scripts/gen_map.py from rtl/include/lc_map.toml: edit the table, then")
    w("// run scripts/gen_map.py (make lint checks that this file matches it). `defines, so")
    w("// one guard serves every module of a build.")
    w("// SPDX-License-Identifier: MIT")
    w("`ifndef LC_MAP_VH")
    w("`define LC_MAP_VH")
    w("")
    a = m["address"]
    ab = a["region_shift"] + a["region_bits"]
    w("// regions: addr[%d:%d] selects one, [%d:0] is the offset" % (ab - 1, a["region_shift"],
                                                                 a["offset_bits"] - 1))
    w("`define LC_REGION_SHIFT %d" % a["region_shift"])
    w("`define LC_OFFSET_BITS %d" % a["offset_bits"])
    for r in m["regions"]:
        w("`define LC_REGION_%s %d'h%X" % (r["name"], a["region_bits"], r["number"]))
    for r in m["regions"]:
        w("`define LC_REG_%s %d'h%07X" % (r["name"], ab, r["base"]))
    w("")
    ob = m["core_offset_bits"]
    w("// region 0: core registers, decoded from offset[%d:0]; _BITS: the bits each holds" % (ob - 1))
    for r in m["core"]:
        w("`define LC_CORE_%s %d'h%02X" % (cname(r["name"]), ob, r["offset"]))
        w("`define LC_CORE_%s_BITS %d" % (cname(r["name"]), r["bits"]))
    w("`define LC_CORE_VERSION_VALUE 32'h%08X" % next(
        r["value"] for r in m["core"] if r["name"] == "version"))
    for s in m["stdp_sets"]:
        w("`define LC_CORE_STDP_%s %d'h%02X" % (cname(s["name"]), ob, s["base"]))
    for k, v in m["cmd"]:
        w("`define LC_CMD_%s_BIT %d" % (cname(k), v["bit"]))
    w("")
    n = m["neuron"]
    fb = n["field_bits"]
    w("// regions 1 and 2: field f of neuron i at offset i*%d + f" % n["stride"])
    w("`define LC_NEURON_STRIDE %d" % n["stride"])
    w("`define LC_NEURON_FIELD_BITS %d" % fb)
    for kind in ("param", "state"):
        for f in n[kind]:
            w("`define LC_%s_%s %d'd%d" % (kind.upper(), cname(f["name"]), fb, f["index"]))
            w("`define LC_%s_%s_BITS %d" % (kind.upper(), cname(f["name"]), f["bits"]))
    w("`define LC_XIN_BITS %d" % m["xin"]["bits"])
    w("")
    s = m["synapse"]
    w("// region 4: offset of synapse (row, word = col / P, lane = col % P);")
    w("// RWW = max(%d, clog2(ceil(N/P))), LW = max(%d, clog2(P))" % (s["min_index_bits"],
                                                                    s["min_index_bits"]))
    w("`define LC_SYN_W_BITS %d" % s["w_bits"])
    w("`define LC_SYN_PLASTIC_BIT %d" % s["plastic_bit"])
    w("`define LC_SYN_LW(p) (((p) > 1) ? $clog2(p) : %d)" % s["min_index_bits"])
    w("`define LC_SYN_RWW(n, p) ((((n) + (p) - 1) / (p) > 1) ? $clog2(((n) + (p) - 1) / (p)) : %d)"
      % s["min_index_bits"])
    w("`define LC_SYN_OFFSET(row, word, lane, rww, lw) "
      "(((row) << ((rww) + (lw))) | ((word) << (lw)) | (lane))")
    w("")
    lk = m["link"]
    lb = lk["offset_bits"]
    cnt = link_counters(m)
    w("// region 0xF: link registers, decoded from offset[%d:0]" % (lb - 1))
    for r in lk["regs"]:
        w("`define LC_LINK_%s %d'h%02X" % (cname(r["name"]), lb, r["offset"]))
    w("`define LC_LINK_COUNTERS %d'h%02X" % (lb, cnt[0]["offset"]))
    w("`define LC_LINK_NCOUNTERS %d" % len(cnt))
    for k, v in m["link_cmd"]:
        w("`define LC_LINK_CMD_%s_BIT %d" % (cname(k), v["bit"]))
    w("")
    ro = m["router"]
    w("// a system of cores: addr[%d:%d] is the target (core c, the router at C)"
      % (ro["target_shift"] + ro["target_bits"] - 1, ro["target_shift"]))
    w("`define LC_TARGET_SHIFT %d" % ro["target_shift"])
    w("`define LC_TARGET_BITS %d" % ro["target_bits"])
    for r in ro["regions"]:
        w("`define LC_ROUTER_REGION_%s 4'h%X" % (r["name"], r["number"]))
    for r in ro["regs"]:
        w("`define LC_ROUTER_REG_%s 24'h%02X" % (cname(r["name"]), r["offset"]))
    for k, v in m["router_cmd"]:
        w("`define LC_ROUTER_CMD_%s_BIT %d" % (cname(k), v["bit"]))
    w("")
    p = m["protocol"]
    w("// the link protocol (docs/protocol.md)")
    for c in p["consts"]:
        v = "8'h%02X" % c["value"] if c.get("hex") else "%d" % c["value"]
        w("`define LC_%s %s" % (c["name"], v))
    for f in p["identify"]:
        w("`define LC_IDENT_%s %d" % (cname(f["name"]), f["offset"]))
    for f in p["features"]:
        w("`define LC_FEATURE_%s_BIT %d" % (f["name"], f["bit"]))
    w("")
    w("`endif // LC_MAP_VH")
    return "\n".join(o) + "\n"


# ---------------------------------------------------------------------------
# Python
# ---------------------------------------------------------------------------
def gen_py(m):
    o = []
    w = o.append
    w("# _map.py : the configuration address map and the link protocol's constants")
    w("# GENERATED by scripts/gen_map.py from rtl/include/lc_map.toml: edit the table, then")
    w("# run scripts/gen_map.py (make lint checks that this file matches it). Names as in")
    w("# host/include/lifcore_map.h.")
    w("# SPDX-License-Identifier: MIT")
    w('"""Address map and protocol constants of lifcore (generated; not a public API)."""')
    w("")
    a = m["address"]
    w("LC_REGION_SHIFT = %d" % a["region_shift"])
    w("LC_OFFSET_MASK = 0x%X" % ((1 << a["offset_bits"]) - 1))
    for r in m["regions"]:
        w("LC_REGION_%s = 0x%X" % (r["name"], r["number"]))
    for r in m["regions"]:
        w("LC_REG_%s = 0x%07X" % (r["name"], r["base"]))
    w("")
    w("# core registers: offsets")
    for r in m["core"]:
        w("LC_CORE_%s = 0x%02X" % (cname(r["name"]), r["offset"]))
    w("LC_CORE_VERSION_VALUE = 0x%08X" % next(
        r["value"] for r in m["core"] if r["name"] == "version"))
    for s in m["stdp_sets"]:
        w("LC_CORE_STDP_%s = 0x%02X" % (cname(s["name"]), s["base"]))
    for f in m["stdp_fields"]:
        w("LC_STDP_%s = %d" % (cname(f["name"]), f["index"]))
    for k, v in m["cmd"]:
        w("LC_CMD_%s = 1 << %d" % (cname(k), v["bit"]))
    w("")
    w("# (name, offset, bits, signed, access, reset, value): value is a number, a core")
    w("# parameter's name (\"N\") or None")
    w("CORE_REGS = (")
    for r in m["core"]:
        w("    (%r, 0x%02X, %d, %r, %r, %d, %s)," % (r["name"], r["offset"], r["bits"], r["signed"],
                                                 r["access"], r["reset"],
                                                 "0x%08X" % r["value"] if isinstance(r["value"], int)
                                                 else repr(r["value"])))
    w(")")
    w("")
    n = m["neuron"]
    w("LC_NEURON_STRIDE = %d" % n["stride"])
    for kind in ("param", "state"):
        for f in n[kind]:
            w("LC_%s_%s = %d" % (kind.upper(), cname(f["name"]), f["index"]))
    for kind in ("param", "state"):
        w("# (name, field, bits, signed)")
        w("%s_FIELDS = (" % kind.upper())
        for f in n[kind]:
            w("    (%r, %d, %d, %r)," % (f["name"], f["index"], f["bits"], f.get("signed", False)))
        w(")")
    w("LC_XIN_BITS = %d" % m["xin"]["bits"])
    w("")
    s = m["synapse"]
    w("LC_SYN_W_BITS = %d" % s["w_bits"])
    w("LC_SYN_PLASTIC_BIT = %d" % s["plastic_bit"])
    w("")
    w("")
    w("def clog2(v):")
    w('    """Bits to count 0..v-1 (0 for v <= 1)."""')
    w("    return max(0, (int(v) - 1).bit_length())")
    w("")
    w("")
    w("def syn_lw(p):")
    w("    return max(%d, clog2(p))" % s["min_index_bits"])
    w("")
    w("")
    w("def syn_rww(n, p):")
    w("    return max(%d, clog2(-(-n // p)))" % s["min_index_bits"])
    w("")
    w("")
    w("def syn_addr(n, p, row, col):")
    w('    """Address of synapse (row, col) in a core of n neurons and p lanes, region included."""')
    w("    lw = syn_lw(p)")
    w("    return LC_REG_SYN | row << (syn_rww(n, p) + lw) | (col // p) << lw | (col % p)")
    w("")
    w("")
    lk = m["link"]
    cnt = link_counters(m)
    for r in lk["regs"]:
        w("LC_LINK_%s = 0x%02X" % (cname(r["name"]), r["offset"]))
    w("LC_LINK_COUNTERS = 0x%02X" % cnt[0]["offset"])
    w("LC_LINK_NCOUNTERS = %d" % len(cnt))
    w("LC_LINK_COUNTER_BITS = %d" % lk["counter_bits"])
    for k, v in m["link_cmd"]:
        w("LC_LINK_CMD_%s = 1 << %d" % (cname(k), v["bit"]))
    w("LINK_COUNTERS = (%s)" % ", ".join(repr(r["name"]) for r in cnt))
    w("")
    ro = m["router"]
    w("LC_TARGET_SHIFT = %d" % ro["target_shift"])
    w("LC_TARGET_BITS = %d" % ro["target_bits"])
    for r in ro["regions"]:
        w("LC_ROUTER_%s = 0x%07X" % (r["name"], r["number"] << m["address"]["region_shift"]))
    for k in ("index_core_shift", "index_count_shift", "entry_delay_shift", "entry_core_shift"):
        w("LC_ROUTER_%s = %d" % (k.upper(), ro[k]))
    for r in ro["regs"]:
        w("LC_ROUTER_REG_%s = 0x%02X" % (cname(r["name"]), r["offset"]))
    for k, v in m["router_cmd"]:
        w("LC_ROUTER_CMD_%s = 1 << %d" % (cname(k), v["bit"]))
    w("")
    p = m["protocol"]
    for c in p["consts"]:
        v = "0x%0*X" % (c["hex"], c["value"]) if c.get("hex") else "%d" % c["value"]
        w("LC_%s = %s" % (c["name"], v))
    w("LC_MAX_FRAME = LC_HDR_LEN + LC_MAX_PAYLOAD + %d" % const(m, "CRC_LEN"))
    w("# IDENTIFY answer after its 0xF1 byte: (name, offset, size)")
    w("IDENTIFY_FIELDS = (")
    for f in p["identify"]:
        w("    (%r, %d, %d)," % (f["name"], f["offset"], f["size"]))
    w(")")
    for f in p["features"]:
        w("LC_FEATURE_%s = 1 << %d" % (f["name"], f["bit"]))
    return "\n".join(o) + "\n"


OUTPUTS = ((OUT_C, gen_c), (OUT_V, gen_v), (OUT_PY, gen_py))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="compare the committed outputs with the table; exit 1 on a difference")
    ap.add_argument("--table", type=Path, default=TABLE, help="the table (default %(default)s)")
    args = ap.parse_args(argv)
    try:
        m = load(args.table)
    except (TableError, KeyError, tomllib.TOMLDecodeError) as e:
        print("gen_map: %s: %s" % (args.table, e), file=sys.stderr)
        return 2
    bad = 0
    for path, gen in OUTPUTS:
        text = gen(m)
        rel = path.relative_to(ROOT)
        old = path.read_text() if path.exists() else None
        if args.check:
            if old != text:
                bad += 1
                print("gen_map: %s differs from %s (run scripts/gen_map.py)"
                      % (rel, TABLE.relative_to(ROOT)), file=sys.stderr)
                sys.stderr.writelines(difflib.unified_diff(
                    (old or "").splitlines(True), text.splitlines(True),
                    "%s (committed)" % rel, "%s (from the table)" % rel, n=1))
        elif old != text:
            path.write_text(text)
            print("gen_map: wrote %s" % rel)
    if args.check and not bad:
        print("gen_map: %d outputs match %s" % (len(OUTPUTS), TABLE.relative_to(ROOT)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
