#!/usr/bin/env python3
# scripts/check_layers.py : the host library's layers stay layered, without cycles
#   check_layers.py --layers "platform model ..." --src host/src --obj build/host/obj
#   check_layers.py --self-test      proves that a cycle and an upward use are caught
# SPDX-License-Identifier: MIT
"""Builds the graph of host modules (a module is a source file and its header,
host/src/<layer>/lc_x.[ch]) from two sources: the symbols of the objects (nm: a
module that leaves a symbol undefined uses the module that defines it) and the
include lines ("lc_x.h" resolves to the module that holds it). Then fails when

  - a module uses a module of a layer above its own (layers are given bottom
    first, by host/Makefile's LAYERS),
  - the modules form a cycle (any strongly connected component of more than one
    module, also inside one layer),
  - a source is outside the layer directories, or an include climbs out of its
    directory with "../" (the include path names the layers).

Exit status 0 when clean, 1 with one line per problem otherwise.
"""
import argparse
import os
import re
import subprocess
import sys

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def module_of(layer, path):
    return "%s/%s" % (layer, os.path.splitext(os.path.basename(path))[0])


def scan_sources(src, layers):
    """(modules {module: layer}, header index {name.h: module}, files [(layer, path)], problems)"""
    modules, headers, files, problems = {}, {}, [], []
    for entry in sorted(os.listdir(src)):
        full = os.path.join(src, entry)
        if os.path.isfile(full) and entry.endswith((".c", ".h")):
            problems.append("%s: a source outside the layer directories %s" % (full, " ".join(layers)))
        elif os.path.isdir(full) and entry not in layers:
            problems.append("%s: a directory that is not a layer (LAYERS: %s)" % (full, " ".join(layers)))
    for layer in layers:
        d = os.path.join(src, layer)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(d, name)
            mod = module_of(layer, name)
            modules[mod] = layer
            files.append((layer, path))
            if name.endswith(".h"):
                if name in headers:
                    problems.append("%s: header name also in %s" % (path, headers[name]))
                headers[name] = mod
    return modules, headers, files, problems


def include_edges(files, headers):
    edges, problems = set(), []
    for layer, path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        me = module_of(layer, path)
        for inc in INCLUDE_RE.findall(text):
            if "/" in inc:
                problems.append('%s: #include "%s" names a path; use the include path (-I)' % (path, inc))
                continue
            dep = headers.get(inc)
            if dep and dep != me:
                edges.add((me, dep, "include " + inc))
    return edges, problems


def nm_symbols(obj_path, nm):
    """(defined, undefined) global symbol names of one object"""
    out = subprocess.run([nm, "-P", obj_path], check=True, capture_output=True, text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind.isupper() or kind in ("w", "v"):
            defined.add(name)
    return defined, undefined


def symbol_edges(obj, layers, modules, nm):
    """edges from the objects' symbols; objects are obj/<layer>/<name>.o"""
    defs, uses, problems = {}, {}, []
    for layer in layers:
        d = os.path.join(obj, layer)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".o"):
                continue
            mod = module_of(layer, name)
            if mod not in modules:
                problems.append("%s: an object without a source (stale build?)" % os.path.join(d, name))
                continue
            defined, undefined = nm_symbols(os.path.join(d, name), nm)
            for s in defined:
                defs[s] = mod
            uses[mod] = undefined
    edges = set()
    for mod, undefined in uses.items():
        for s in undefined:
            dep = defs.get(s)
            if dep and dep != mod:
                edges.add((mod, dep, "symbol " + s))
    return edges, problems, len(uses)


def cycles(nodes, edges):
    """strongly connected components of more than one node (Tarjan, iterative)"""
    succ = {n: set() for n in nodes}
    for a, b in edges:
        succ.setdefault(a, set()).add(b)
        succ.setdefault(b, set())
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    for root in sorted(succ):
        if root in index:
            continue
        work = [(root, iter(sorted(succ[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
            elif nxt not in index:
                index[nxt] = low[nxt] = counter[0]
                counter[0] += 1
                stack.append(nxt)
                on.add(nxt)
                work.append((nxt, iter(sorted(succ[nxt]))))
            elif nxt in on:
                low[node] = min(low[node], index[nxt])
    return out


def check_graph(layers, modules, edges):
    """problems of a module graph: upward uses and cycles; edges are (from, to, why)"""
    rank = {l: i for i, l in enumerate(layers)}
    problems = []
    for a, b, why in sorted(edges):
        if rank[modules[b]] > rank[modules[a]]:
            problems.append("%s uses %s (%s): layer %s is above %s" % (a, b, why, modules[b], modules[a]))
    for comp in cycles(modules, {(a, b) for a, b, _ in edges}):
        inside = sorted("%s -> %s (%s)" % (a, b, why) for a, b, why in edges if a in comp and b in comp)
        problems.append("dependency cycle between %s: %s" % (", ".join(comp), "; ".join(inside)))
    return problems


def self_test():
    layers = ["platform", "protocol", "api"]
    modules = {"platform/lc_clock": "platform", "protocol/lc_link": "protocol",
               "protocol/lc_frame": "protocol", "api/lc_device": "api"}
    clean = {("api/lc_device", "protocol/lc_link", "symbol lc_link_open"),
             ("protocol/lc_link", "protocol/lc_frame", "symbol lc_crc16"),
             ("protocol/lc_link", "platform/lc_clock", "symbol lc_mono_ns")}
    cyclic = clean | {("protocol/lc_frame", "protocol/lc_link", "symbol lc_link_now_ns")}
    upward = clean | {("platform/lc_clock", "api/lc_device", "include lc_dev.h")}
    ok = True
    p = check_graph(layers, modules, clean)
    if p:
        print("check_layers self-test: a clean graph was refused: %s" % p)
        ok = False
    p = check_graph(layers, modules, cyclic)
    if not any(x.startswith("dependency cycle between protocol/lc_frame, protocol/lc_link") for x in p):
        print("check_layers self-test: the cycle lc_link <-> lc_frame was not reported: %s" % p)
        ok = False
    p = check_graph(layers, modules, upward)
    if not any("platform/lc_clock uses api/lc_device" in x for x in p):
        print("check_layers self-test: the upward use platform -> api was not reported: %s" % p)
        ok = False
    # a longer cycle across layers is reported as a cycle and as an upward use
    across = clean | {("platform/lc_clock", "api/lc_device", "symbol lc_open")}
    p = check_graph(layers, modules, across)
    if not any(x.startswith("dependency cycle between api/lc_device, platform/lc_clock, protocol/lc_link")
               for x in p):
        print("check_layers self-test: the cycle api -> protocol -> platform -> api was not reported: %s" % p)
        ok = False
    print("check_layers self-test: %s (a clean graph passes; a cycle and an upward use fail)"
          % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--layers", help="layer directories, bottom first")
    ap.add_argument("--src", help="host/src")
    ap.add_argument("--obj", help="the objects, <obj>/<layer>/<name>.o")
    ap.add_argument("--nm", default=os.environ.get("NM", "nm"))
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the layer map and the edges")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    if not (a.layers and a.src and a.obj):
        ap.error("--layers, --src and --obj are needed (or --self-test)")
    layers = a.layers.split()
    modules, headers, files, problems = scan_sources(a.src, layers)
    inc, inc_problems = include_edges(files, headers)
    problems += inc_problems
    sym, sym_problems, n_obj = symbol_edges(a.obj, layers, modules, a.nm)
    problems += sym_problems
    if n_obj == 0:
        problems.append("%s: no objects (build the library first)" % a.obj)
    edges = inc | sym
    problems += check_graph(layers, modules, edges)
    if a.verbose:
        for layer in layers:
            print("  %-9s %s" % (layer, " ".join(sorted(m.split("/")[1] for m in modules if modules[m] == layer))))
        for e in sorted(edges):
            print("    %s -> %s (%s)" % e)
    for p in problems:
        print("check_layers: " + p)
    used = {(x, y) for x, y, _ in edges}
    print("check_layers: %d modules in %d layers (%s), %d module dependencies from %d objects' symbols "
          "and the includes: %s" % (len(modules), len(layers), " < ".join(layers), len(used), n_obj,
                                    "%d problems" % len(problems) if problems else "no cycle, no upward use"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
