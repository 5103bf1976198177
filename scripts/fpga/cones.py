#!/usr/bin/env python3
# cones.py : attribute the LUT4s of an iCE40 netlist to the registers and memories they feed
# Each LUT4 is followed forward through LUTs and carry cells to the flip-flops, block
# RAMs, SPRAMs and multipliers it reaches, and counted there (split when it reaches
# several): "which register's input logic is big". Names are shortened to --depth parts.
# Usage: scripts/fpga/cones.py build/boards/icebreaker/top.json [--depth 3] [--top 40]
# SPDX-License-Identifier: MIT
import argparse
import collections
import json
import re
import sys


def main():
    ap = argparse.ArgumentParser(description="LUT4s by the registers and memories they feed")
    ap.add_argument("json")
    ap.add_argument("--depth", type=int, default=3, help="name components kept")
    ap.add_argument("--top", type=int, default=40, help="rows shown")
    a = ap.parse_args()
    sys.setrecursionlimit(100000)
    mod = next(m for m in json.load(open(a.json))["modules"].values()
               if m.get("attributes", {}).get("top"))
    cells = mod["cells"]
    names = {}
    for n, net in mod["netnames"].items():
        for b in net["bits"]:
            if isinstance(b, int) and (b not in names or len(n) < len(names[b])):
                names[b] = n
    loads = collections.defaultdict(list)
    for cn, c in cells.items():
        for p, bits in c["connections"].items():
            if c["port_directions"].get(p) == "input":
                for b in bits:
                    loads[b].append(cn)

    def sink(cn):
        c = cells[cn]
        q = names.get(c["connections"]["Q"][0], cn) if c["type"].startswith("SB_DFF") else cn
        q = re.sub(r"_SB_.*", "", re.sub(r"\[\d+\]", "", q))
        return ".".join(q.split(".")[: a.depth])

    memo = {}

    def dests(cn):
        if cn in memo:
            return memo[cn]
        memo[cn] = set()
        s = set()
        c = cells[cn]
        for p, bits in c["connections"].items():
            if c["port_directions"].get(p) != "output":
                continue
            for b in bits:
                for ln in loads[b]:
                    if cells[ln]["type"] in ("SB_LUT4", "SB_CARRY"):
                        s |= dests(ln)
                    else:
                        s.add(sink(ln))
        memo[cn] = s
        return s

    acc = collections.Counter()
    for cn, c in cells.items():
        if c["type"] == "SB_LUT4":
            d = dests(cn) or {"(drives only outputs)"}
            for k in d:
                acc[k] += 1.0 / len(d)
    print("%d LUT4" % sum(1 for c in cells.values() if c["type"] == "SB_LUT4"))
    for k, v in acc.most_common(a.top):
        print("%7.1f  %s" % (v, k))


if __name__ == "__main__":
    main()
