#!/bin/sh
# exhaustive check of the depression product and shift; run from the repository root
set -e
D=build/tests/dm_equiv
verilator --cc --exe --build -j 1 -O2 -Wno-fatal --top-module tb_dm_equiv -Mdir $D \
    tests/rtl/units/equiv/tb_dm_equiv.v $PWD/tests/rtl/units/equiv/tb_dm_equiv.cpp -o tb_dm_equiv > /dev/null
$D/tb_dm_equiv
