#!/bin/sh
# Equivalence of rtl/core/lc_neuron_update2.v with its reference form
# (build/proof_ref/lc_neuron_update2_ref.v, taken from git history by
# scripts/fpga/proof_refs.sh), in two parts; run from the
# repository root: scripts/fpga/prove_neuron_update2.sh
# 1. the depression product and shift, a pure function of (a, y, s), is checked for
#    all 2^29 inputs (tests/rtl/units/equiv/build_dm.sh: the reference and the
#    current expression copied verbatim; checked here that they are the file's);
# 2. the module with that expression put back to the reference's is proved equal to
#    the reference by a sequential miter (scripts/fpga/prove_neuron_update2.ys on the
#    substituted copy: every input sequence from the all-zero power-up state,
#    sat -tempinduct, about a minute). With the shift itself SAT does not finish in
#    minutes (the two multipliers differ).
set -e
scripts/fpga/proof_refs.sh
T=build/prove_nu2
mkdir -p $T
for l in "wire [14:0] dm_ap   = {7'd0, dm_a} << (3'd7 - dm_s[2:0]);" \
         "wire [30:0] dm_prod = {16'd0, dm_ap} * {15'd0, dm_y};" \
         "wire [23:0] dm_shr  = dm_prod[30:7] >> {dm_s[4:3], 3'b000};"; do
    grep -qF "$l" rtl/core/lc_neuron_update2.v || { echo "prove_nu2: '$l' not in rtl/core/lc_neuron_update2.v"; exit 1; }
    grep -qF "$l" tests/rtl/units/equiv/tb_dm_equiv.v || { echo "prove_nu2: '$l' not in tb_dm_equiv.v"; exit 1; }
done
tests/rtl/units/equiv/build_dm.sh
sed -e "s/^    wire \[14:0\] dm_ap .*$/    wire [23:0] dm_prod = {16'd0, dm_a} * {8'd0, dm_y};/" \
    -e "/^    wire \[30:0\] dm_prod = /d" \
    -e "s/^    wire \[23:0\] dm_shr  = dm_prod\[30:7\] .*$/    wire [23:0] dm_shr  = dm_prod >> dm_s;/" \
    -e "/^    wire        unused_dm = /d" rtl/core/lc_neuron_update2.v > $T/lc_neuron_update2.v
[ "$(diff rtl/core/lc_neuron_update2.v $T/lc_neuron_update2.v | grep -c '^[<>]')" = 6 ] \
    || { echo "prove_nu2: substitution failed"; exit 1; }
sed "s#^read_verilog rtl/core/lc_neuron_update2.v#read_verilog $T/lc_neuron_update2.v#" \
    scripts/fpga/prove_neuron_update2.ys > $T/prove.ys
yosys -q $T/prove.ys
echo "lc_neuron_update2: proved equal to the reference (shift exhaustive, the rest by induction)"
