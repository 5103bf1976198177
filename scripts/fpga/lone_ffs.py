#!/usr/bin/env python3
# lone_ffs.py : list the flip-flops of an iCE40 netlist that cannot share a logic cell
# nextpnr packs a flip-flop with the LUT4 that drives its D input only when that LUT
# drives nothing else; every other flip-flop takes an ICESTORM_LC of its own.
# Usage: scripts/fpga/lone_ffs.py build/boards/icebreaker/top.json [--depth 3]
# SPDX-License-Identifier: MIT
import argparse
import collections
import json
import re


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("json")
    ap.add_argument("--depth", type=int, default=3, help="name components kept when grouping")
    ap.add_argument("--top", type=int, default=40, help="groups shown")
    a = ap.parse_args()
    mod = next(m for m in json.load(open(a.json))["modules"].values()
               if m.get("attributes", {}).get("top"))
    cells = mod["cells"]
    drivers, loads = {}, collections.Counter()
    for name, c in cells.items():
        for port, bits in c["connections"].items():
            d = c["port_directions"].get(port)
            for b in bits:
                if d == "output":
                    drivers[b] = (name, c["type"])
                elif d == "input":
                    loads[b] += 1
    names = {}
    for n, net in mod["netnames"].items():
        for b in net["bits"]:
            if isinstance(b, int) and (b not in names or len(n) < len(names[b])):
                names[b] = n
    lone, total, why = collections.Counter(), 0, collections.Counter()
    for name, c in cells.items():
        if not c["type"].startswith("SB_DFF"):
            continue
        total += 1
        d = c["connections"]["D"][0]
        drv = drivers.get(d)
        if drv and drv[1] == "SB_LUT4" and loads[d] == 1:
            continue
        kind = ("constant" if not isinstance(d, int) else "no driver" if not drv else
                "shared LUT" if drv[1] == "SB_LUT4" else drv[1])
        why[kind] += 1
        q = names.get(c["connections"]["Q"][0], name)
        key = ".".join(re.sub(r"\[\d+\]$", "", q).split(".")[: a.depth])
        lone[key] += 1
    print("%d flip-flops, %d in a cell of their own" % (total, sum(lone.values())))
    print("  by driver: " + ", ".join("%s %d" % kv for kv in why.most_common()))
    for k, v in lone.most_common(a.top):
        print("%6d  %s" % (v, k))


if __name__ == "__main__":
    main()
