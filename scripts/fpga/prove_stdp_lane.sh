#!/bin/sh
# Equivalence of rtl/core/lc_stdp_lane.v with its reference form (scripts/fpga/proof_refs.sh
# takes it from git history), by SAT over every input: scripts/fpga/prove_stdp_lane.ys.
# Run from the repository root: scripts/fpga/prove_stdp_lane.sh
set -e
scripts/fpga/proof_refs.sh
yosys -q scripts/fpga/prove_stdp_lane.ys
echo "lc_stdp_lane: proved equal to the reference"
