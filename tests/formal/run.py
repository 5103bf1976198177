#!/usr/bin/env python3
# tests/formal/run.py : the RTL's proofs (harnesses in tests/formal/), run with Yosys
#   tests/formal/run.py [--long] [--build DIR] [NAME ...]
# Each proof is a harness that drives one block with whatever the solver chooses and
# asserts its properties. Two engines, both shipped with Debian's yosys:
#   pdr  an unbounded proof: the design goes to an AIGER file, yosys-abc's PDR finds an
#        inductive invariant (or a counterexample, with its cycle)
#   bmc  bounded model checking with yosys-smtbmc and z3 to the stated depth (cycles from
#        reset); "ind" adds a k-induction step of that depth, which makes it unbounded
# Prints one line per check and "N passed, N failed". docs/testing.md explains each proof.
# SPDX-License-Identifier: MIT
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# name: (top, sources, parameters, library modules whose outputs the solver chooses, checks)
# a check is ("pdr",), ("bmc", depth) or ("ind", depth); --long runs the long_checks too
PROOFS = {
    "uart-cpb4": ("lc_formal_uart", ["rtl/link/lc_uart_tx.v", "rtl/link/lc_uart_rx.v",
                                      "tests/formal/lc_formal_uart.v"], {"CPB": 4}, [],
                  [("pdr",)], []),
    "uart-cpb5": ("lc_formal_uart", ["rtl/link/lc_uart_tx.v", "rtl/link/lc_uart_rx.v",
                                      "tests/formal/lc_formal_uart.v"], {"CPB": 5}, [],
                  [("pdr",)], []),
    "uart-cpb7": ("lc_formal_uart", ["rtl/link/lc_uart_tx.v", "rtl/link/lc_uart_rx.v",
                                      "tests/formal/lc_formal_uart.v"], {"CPB": 7}, [],
                  [], [("pdr",)]),
    "crc16": ("lc_formal_crc", ["rtl/link/lc_crc16.v", "tests/formal/lc_formal_crc.v"], {}, [],
              [("bmc", 8), ("ind", 4), ("pdr",)], []),
    "fifo": ("lc_formal_fifo", ["rtl/system/lc_sys_fifo.v", "tests/formal/lc_formal_fifo.v"],
             {"WIDTH": 4, "DEPTH": 4}, [], [("pdr",), ("bmc", 12)], []),
    "fifo-d8": ("lc_formal_fifo", ["rtl/system/lc_sys_fifo.v", "tests/formal/lc_formal_fifo.v"],
                {"WIDTH": 3, "DEPTH": 8}, [], [], [("pdr",)]),
    "link-buffers": ("lc_formal_link", ["rtl/link/lc_link.v", "rtl/link/lc_link_exec.v",
                                         "rtl/link/lc_crc16.v", "tests/formal/lc_formal_link.v"],
                     {}, ["rtl/mem/lc_ram_sdp.v"], [], [("pdr",), ("bmc", 12)]),
}


def yosys_script(top, srcs, params, libs, out, aiger):
    lines = ["read_verilog -formal -Irtl/include " + " ".join(srcs)]
    for lib in libs:
        lines.append("read_verilog -lib " + lib)
    if params:
        lines.append("chparam " + " ".join("-set %s %d" % kv for kv in params.items()) + " " + top)
    lines.append("prep -top " + top)
    lines.append("flatten")
    for lib in libs:  # a memory's read data is left to the solver: the proof covers any
        lines.append("delete t:" + os.path.splitext(os.path.basename(lib))[0])
    lines += ["memory_map", "opt -fast", "async2sync", "dffunmap", "setundef -undriven -anyseq"]
    if aiger:
        lines += ["techmap", "opt -fast", "dffunmap", "aigmap", "opt_clean",
                  "write_aiger -zinit " + out]
    else:
        lines += ["opt_clean", "write_smt2 -wires " + out]
    return "\n".join(lines) + "\n"


def run(cmd, log, timeout):
    with open(log, "w") as f:
        try:
            p = subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, timeout=timeout)
            return p.returncode
        except subprocess.TimeoutExpired:
            return None


def last_lines(log, n=3):
    with open(log, errors="replace") as f:
        return [l.rstrip() for l in f.read().splitlines() if l.strip()][-n:]


def check(name, spec, chk, build, timeout):
    top, srcs, params, libs, _, _ = spec
    kind = chk[0]
    d = os.path.join(build, name)
    os.makedirs(d, exist_ok=True)
    tag = kind if kind == "pdr" else "%s-%d" % (kind, chk[1])
    model = os.path.join(d, "model." + ("aig" if kind == "pdr" else "smt2"))
    ys = os.path.join(d, tag + ".ys")
    with open(ys, "w") as f:
        f.write(yosys_script(top, srcs, params, libs, model, kind == "pdr"))
    t0 = time.time()
    if run(["yosys", "-q", "-s", ys], os.path.join(d, tag + ".yosys.log"), timeout) != 0:
        return False, "yosys failed: " + " | ".join(last_lines(os.path.join(d, tag + ".yosys.log")))
    log = os.path.join(d, tag + ".log")
    if kind == "pdr":
        rc = run(["yosys-abc", "-c", "read_aiger %s; fold; strash; pdr" % model], log, timeout)
        text = open(log, errors="replace").read()
        ok = rc == 0 and "Property proved" in text
        what = "proved for every depth (PDR)"
        if not ok and "was asserted in frame" in text:
            what = "COUNTEREXAMPLE: " + [l for l in text.splitlines() if "asserted in frame" in l][0].strip()
    else:
        cmd = ["yosys-smtbmc", "-s", "z3", "-t", str(chk[1])]
        if kind == "ind":
            cmd.append("-i")
        cmd += ["--dump-vcd", os.path.join(d, tag + ".vcd"), model]
        rc = run(cmd, log, timeout)
        text = open(log, errors="replace").read()
        ok = rc == 0 and "Status: PASSED" in text
        what = ("k-induction of depth %d: holds for every depth" % chk[1] if kind == "ind"
                else "no violation within %d cycles of reset (z3)" % chk[1])
        if not ok and "Assert failed" in text:
            what = "FAILED: " + [l for l in text.splitlines() if "Assert failed" in l][0].split("##")[-1].strip()
    if rc is None:
        ok, what = False, "no answer within %d s" % timeout
    elif not ok and what.startswith(("proved", "no violation", "k-induction")):
        what = "failed: " + " | ".join(last_lines(log))
    return ok, "%s (%.0f s; %s)" % (what, time.time() - t0, os.path.relpath(log, ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--long", action="store_true", help="also the long checks (make test-long)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "formal"))
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per check")
    ap.add_argument("names", nargs="*", help="proofs to run (default: all)")
    a = ap.parse_args()
    names = a.names or list(PROOFS)
    unknown = [n for n in names if n not in PROOFS]
    if unknown:
        sys.exit("formal: no proof named %s (proofs: %s)" % (", ".join(unknown), ", ".join(PROOFS)))
    passed = failed = 0
    for n in names:
        spec = PROOFS[n]
        checks = spec[4] + (spec[5] if a.long else [])
        for chk in checks:
            ok, msg = check(n, spec, chk, a.build, a.timeout)
            kind = chk[0] if chk[0] == "pdr" else "%s %d" % chk
            print("formal %s [%s]: %s" % (n, kind, msg), flush=True)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
