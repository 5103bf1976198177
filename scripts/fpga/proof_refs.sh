#!/bin/sh
# proof_refs.sh : writes the proofs' reference modules to build/proof_ref/ from git history
# (the module renamed <name>_ref); run from the repository root, needs the git history.
# The references are the modules as they were before the area work rewrote them:
#   lc_stdp_lane      at 92c0349 (last commit before a3443d3 "no per-lane gating")
#   lc_neuron_update2 at a3443d3 (last commit before 674fc8c "cheaper spike, decay and
#                                 depression-shift arithmetic")
# SPDX-License-Identifier: MIT
set -e
R=build/proof_ref
mkdir -p $R
ref() {  # ref <commit> <path at that commit> <module>
    git show "$1:$2" | sed "s/^module $3 /module $3_ref /" > $R/$3_ref.v.tmp
    grep -q "^module $3_ref " $R/$3_ref.v.tmp || { echo "proof_refs: no module $3 in $1:$2"; exit 1; }
    mv $R/$3_ref.v.tmp $R/$3_ref.v
}
ref 92c0349a8c4bde4919057a7e7baaa52abf3128b8 rtl/lc_stdp_lane.v lc_stdp_lane
ref a3443d3bc4261347044c1b8ba84eb83394fbe5b7 rtl/lc_neuron_update2.v lc_neuron_update2
