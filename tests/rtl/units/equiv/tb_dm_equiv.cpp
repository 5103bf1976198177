// tb_dm_equiv.cpp : every (a, y, s) through tb_dm_equiv; prints the count that differ
// SPDX-License-Identifier: MIT
#include "Vtb_dm_equiv.h"
#include <cstdio>
int main() {
    Vtb_dm_equiv t;
    unsigned long bad = 0, n = 0;
    for (unsigned s = 0; s < 32; s++)
        for (unsigned a = 0; a < 256; a++)
            for (unsigned y = 0; y < 65536; y++) {
                t.dm_a = a; t.dm_y = y; t.dm_s = s; t.eval(); n++;
                if (t.o_diff) { if (bad < 5) printf("differ: a=%u y=%u s=%u\n", a, y, s); bad++; }
            }
    printf("depression shift, all %lu inputs: %lu differ\n", n, bad);
    return bad != 0;
}
