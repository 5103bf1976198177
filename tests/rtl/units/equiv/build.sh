#!/bin/sh
# builds and runs the random equivalence test; run from the repository root:
#   tests/rtl/units/equiv/build.sh [cycles] [seed]
set -e
scripts/fpga/proof_refs.sh
D=build/tests/nu2_equiv
verilator --cc --exe --build -j 2 -O2 -Wno-fatal --top-module tb_nu2_equiv -Mdir $D \
    tests/rtl/units/equiv/tb_nu2_equiv.v build/proof_ref/lc_neuron_update2_ref.v \
    rtl/core/lc_neuron_update2.v rtl/core/lc_decay.v $PWD/tests/rtl/units/equiv/tb_nu2_equiv.cpp \
    -o tb_nu2_equiv > /dev/null
$D/tb_nu2_equiv "$@"
