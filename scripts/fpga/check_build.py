#!/usr/bin/env python3
"""check_build.py : build boards and check that each fits and meets its clock

For each board: `make bitstream BOARD=<board>` (Yosys, nextpnr with the board's target
clock, pack), then three checks on the result: place and route finished (the design
fits: nextpnr stops when a resource runs out), timing met (nextpnr's fmax >= target),
and a non-empty bitstream. Ends with "N passed, N failed" (one check per line).

Usage: check_build.py [--makefile Makefile] [--make-arg VAR=VALUE ...] BOARD...
Exit status: 0 all passed; 1 a check failed.
"""
# SPDX-License-Identifier: MIT
import argparse
import json
import os
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--makefile", default=os.environ.get("LC_BOARDS_MAKEFILE", "Makefile"))
    ap.add_argument("--build", default="build")
    ap.add_argument("--make-arg", action="append", default=[])
    ap.add_argument("boards", nargs="+")
    o = ap.parse_args()

    passed = failed = 0

    def check(board, name, ok, detail=""):
        nonlocal passed, failed
        print(f"{'PASS' if ok else 'FAIL'} {board}: {name}{' (' + detail + ')' if detail else ''}")
        if ok:
            passed += 1
        else:
            failed += 1

    for board in o.boards:
        start = time.time()
        cmd = ["make", "--no-print-directory", "-f", o.makefile, "bitstream",
               f"BOARD={board}"] + o.make_arg
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        secs = time.time() - start
        sys.stdout.write(r.stdout)
        d = os.path.join(o.build, "boards", board)
        pnr_path = os.path.join(d, "pnr.json")
        fits = r.returncode == 0 and os.path.exists(pnr_path)
        if not fits and os.path.exists(os.path.join(d, "pnr.log")):
            log = open(os.path.join(d, "pnr.log")).read()
            fits = "Max frequency" in log and "ERROR: Max frequency" in log  # placed, slow
        check(board, "synthesis, placement and routing finish (design fits)", fits,
              f"{secs:.0f} s")
        fmax = target = None
        if os.path.exists(pnr_path):
            rep = json.load(open(pnr_path))
            for t in rep.get("fmax", {}).values():
                if fmax is None or t["achieved"] < fmax:
                    fmax, target = t["achieved"], t["constraint"]
        elif os.path.exists(os.path.join(d, "pnr.log")):
            for line in open(os.path.join(d, "pnr.log")):
                if "Max frequency for clock" in line:   # last one is after routing
                    parts = line.split(":")[-1].split()
                    fmax, target = float(parts[0]), float(parts[3])
        check(board, "timing met", fmax is not None and target is not None and fmax >= target,
              f"fmax {fmax} MHz, target {target} MHz" if fmax is not None else "no timing")
        bits = [f for f in (os.listdir(d) if os.path.isdir(d) else [])
                if f.startswith("lifcore_") and f.endswith((".bin", ".bit"))]
        ok = r.returncode == 0 and any(os.path.getsize(os.path.join(d, f)) > 0 for f in bits)
        check(board, "bitstream written", ok, ", ".join(bits))

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
