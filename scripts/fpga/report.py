#!/usr/bin/env python3
"""report.py : machine-readable summary of one board build, and its row in docs/boards.md

Reads the build directory of `make bitstream BOARD=...` (synth_stat.txt from Yosys,
pnr.json from nextpnr --report) and the cycles/step table of the core test bench
(`Vlc_core --bench`), writes <dir>/report.json and replaces the board's rows in the
tables of docs/boards.md between the `boards:*` markers.

Usage: report.py --board B --dir D --device DEV --family ice40|ecp5 --link L
                 --n N --m M --p P --clk-mhz F --seed S [--bench bench.md] [--doc docs/boards.md]
Exit status: 0 written; 1 missing or unreadable input.
"""
# SPDX-License-Identifier: MIT
import argparse
import json
import os
import re
import sys

# block RAM of each device in bits: (count, bits each) per kind
DEVICE_RAM = {
    "iCE40UP5K-SG48": {"EBR": (30, 4096), "SPRAM": (4, 262144)},
    "LFE5U-12F-6BG381C": {"EBR": (32, 18432)},
    "LFE5U-25F-6BG381C": {"EBR": (56, 18432)},
    "LFE5U-45F-6BG381C": {"EBR": (108, 18432)},
    "LFE5U-85F-6BG381C": {"EBR": (208, 18432)},
}

# nextpnr utilization names -> report names
PNR_CELLS = {
    "ice40": {"ICESTORM_LC": "logic_cells", "ICESTORM_RAM": "ebr", "ICESTORM_SPRAM": "spram",
              "ICESTORM_DSP": "dsp", "ICESTORM_PLL": "pll", "SB_IO": "io"},
    "ecp5": {"TRELLIS_COMB": "comb_cells", "TRELLIS_FF": "ff", "TRELLIS_RAMW": "lutram_w",
             "DP16KD": "ebr", "MULT18X18D": "dsp", "EHXPLLL": "pll", "TRELLIS_IO": "io"},
}

BENCH_ACTIVITY = "5.0%"   # activity of the summary columns


def fail(msg):
    print(f"report: {msg}", file=sys.stderr)
    sys.exit(1)


def yosys_cells(path):
    """cell type -> count from a Yosys `stat` of a flat design"""
    cells = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^\s+(\S+)\s+(\d+)\s*$", line)
            if m and not m.group(1).startswith("$paramod"):
                cells[m.group(1)] = cells.get(m.group(1), 0) + int(m.group(2))
    return cells


def bench_rows(path):
    """rows of the `Vlc_core --bench` markdown table"""
    rows = []
    with open(path) as f:
        for line in f:
            cols = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            if cols[4] not in ("on", "off"):    # e.g. "on, input rows plastic"
                continue
            rows.append({"learning": cols[4] == "on", "activity": cols[5],
                         "cycles_per_step": float(cols[6]),
                         "synops_per_cycle": float(cols[7])})
    return rows


def si(x):
    for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if x >= div:
            return f"{x / div:.3g} {suf}"
    return f"{x:.3g}"


def replace_rows(doc, table, board, new_rows):
    """replace the rows of `board` in the table between <!-- boards:table:begin/end -->"""
    begin, end = f"<!-- boards:{table}:begin -->", f"<!-- boards:{table}:end -->"
    text = open(doc).read()
    i, j = text.find(begin), text.find(end)
    if i < 0 or j < i:
        fail(f"{doc} has no {begin} ... {end} block")
    lines = text[i + len(begin):j].strip("\n").split("\n")
    head, body = lines[:2], lines[2:]
    body = [r for r in body if r.split("|")[1].strip() != board] + new_rows
    body.sort(key=lambda r: r.split("|")[1].strip())
    block = "\n".join(head + body)
    open(doc, "w").write(text[:i + len(begin)] + "\n" + block + "\n" + text[j:])


def main():
    ap = argparse.ArgumentParser()
    for a in ("board", "dir", "device", "family", "link", "bench", "doc"):
        ap.add_argument("--" + a)
    for a in ("n", "m", "p", "seed"):
        ap.add_argument("--" + a, type=int, required=True)
    ap.add_argument("--clk-mhz", type=float, required=True)
    o = ap.parse_args()

    pnr_path = os.path.join(o.dir, "pnr.json")
    stat_path = os.path.join(o.dir, "synth_stat.txt")
    for p in (pnr_path, stat_path):
        if not os.path.exists(p):
            fail(f"missing {p}: run make bitstream BOARD={o.board} first")
    pnr = json.load(open(pnr_path))
    cells = yosys_cells(stat_path)

    util = {}
    for cell, name in PNR_CELLS[o.family].items():
        u = pnr.get("utilization", {}).get(cell)
        if u:
            util[name] = {"used": u["used"], "available": u["available"]}
    # LUT4 from Yosys on both families (nextpnr's ECP5 comb cells also count carry
    # halves and LUT RAM); FFs from Yosys on iCE40, where nextpnr only counts logic cells
    if o.family == "ice40":
        util["lut4"] = {"used": cells.get("SB_LUT4", 0), "available": 5280}
        util["ff"] = {"used": sum(v for k, v in cells.items() if k.startswith("SB_DFF")),
                      "available": 5280}
    else:
        avail = util.get("comb_cells", {}).get("available")
        util["lut4"] = {"used": cells.get("LUT4", 0), "available": avail}
    fmax = None
    for clk, t in pnr.get("fmax", {}).items():
        if fmax is None or t["achieved"] < fmax:
            fmax = t["achieved"]

    syn = o.n * o.n + o.m * o.n
    ram = DEVICE_RAM.get(o.device, {})
    ram_bits = sum(c * b for c, b in ram.values())
    perf = []
    if o.bench and os.path.exists(o.bench):
        for r in bench_rows(o.bench):
            f = o.clk_mhz * 1e6
            perf.append(dict(r, steps_per_s=f / r["cycles_per_step"],
                             synops_per_s=f * r["synops_per_cycle"]))

    rep = {
        "board": o.board, "device": o.device, "family": o.family, "link": o.link,
        "geometry": {"N": o.n, "M": o.m, "P": o.p, "synapses": syn,
                     "recurrent": o.n * o.n, "input": o.m * o.n},
        "clock": {"target_mhz": o.clk_mhz, "fmax_mhz": fmax,
                  "met": fmax is not None and fmax >= o.clk_mhz},
        "resources": util,
        "ram": {"block_ram_bits": ram_bits, "synapse_bits": syn * 9,
                "synapse_fraction": (syn * 9 / ram_bits) if ram_bits else None},
        "performance": perf, "seed": o.seed,
    }
    out = os.path.join(o.dir, "report.json")
    with open(out, "w") as f:
        json.dump(rep, f, indent=2)
        f.write("\n")
    print(f"report {o.board}: {out}")

    if not o.doc:
        return
    def res(name):
        u = util.get(name)
        return f"{u['used']}/{u['available']}" if u else "-"
    s5 = {r["learning"]: r for r in perf if r["activity"] == BENCH_ACTIVITY}
    steps = " / ".join(si(s5[k]["steps_per_s"]) for k in (False, True) if k in s5) or "-"
    synops = si(s5[False]["synops_per_s"]) if False in s5 else "-"
    frac = rep["ram"]["synapse_fraction"]
    row = (f"| {o.board} | {o.device} | {o.n} | {o.m} | {syn:,} | {o.clk_mhz:g} | "
           f"{fmax:.1f} | {res('lut4')} | {res('ff')} | {res('ebr')} | {res('spram')} | "
           f"{res('dsp')} | {100 * frac:.0f}% | {steps} | {synops} | {o.link} |"
           if fmax is not None and frac is not None else None)
    if row:
        replace_rows(o.doc, "summary", o.board, [row])
    prow = [f"| {o.board} | {'on' if r['learning'] else 'off'} | {r['activity']} | "
            f"{r['cycles_per_step']:.0f} | {si(r['steps_per_s'])} | {si(r['synops_per_s'])} |"
            for r in perf]
    if prow:
        replace_rows(o.doc, "perf", o.board, prow)
    print(f"report {o.board}: {o.doc} updated")


if __name__ == "__main__":
    main()
