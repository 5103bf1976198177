// lc_core_geom.vh : the core's derived sizes, its step states and address helpers
// Included inside every module of rtl/core that takes the geometry parameters N, M, P
// and COMPACT, so that each derived size is written once. See docs/architecture.md.
// SPDX-License-Identifier: MIT

    // a module uses only the sizes it needs (lint waiver, to the end of this file)
    /* verilator lint_off UNUSEDPARAM */

    // ------------------------------------------------------------------
    // sizes
    // ------------------------------------------------------------------
    localparam integer NW     = (N > 1) ? $clog2(N) : 1;          // neuron index
    localparam integer MW     = (M > 1) ? $clog2(M) : 1;          // axon index
    localparam integer NCW    = $clog2(N + 1);                     // 0..N
    localparam integer MCW    = $clog2(M + 1);                     // 0..M
    localparam integer RW     = (N + P - 1) / P;                   // words per row
    localparam integer RWW    = (RW > 1) ? $clog2(RW) : 1;         // word index
    localparam integer RCW    = $clog2(RW + 1);                    // 0..RW
    localparam integer LW     = (P > 1) ? $clog2(P) : 1;           // lane index
    localparam integer ROWS   = N + M;
    localparam integer ROWW   = $clog2(ROWS);                      // row index
    localparam integer ROWCW  = $clog2(ROWS + 1);                  // 0..ROWS
    localparam integer SCW    = $clog2(ROWS + 1);                  // 0..sources
    localparam integer WDEPTH = ROWS * RW;                         // weight words
    localparam integer WAW    = $clog2(WDEPTH);                    // weight address
    localparam integer WWID   = P * 9;                             // weight word bits
    localparam integer AW     = $clog2(ROWS * 128) + 1;            // synaptic sum, signed
    localparam integer LAST_LANES = N - (RW - 1) * P;              // lanes used in the last word
    localparam integer CLRN0  = (WDEPTH > N) ? ((WDEPTH > M) ? WDEPTH : M) : ((N > M) ? N : M);
    // the init pass also writes the 32 words of the register shadow (compact)
    localparam integer CLRN   = (CLRN0 < 32) ? 32 : CLRN0;
    localparam integer CLRW   = $clog2(CLRN + 1);
    localparam integer PMW    = 13 + 13 + 23 + 24 + 6;             // parameter word
    localparam integer SMW    = 24 + 24 + 6 + 23 + 16 + 16 + 17;   // state word
    localparam integer LMW    = 1 + 24 + 24;                       // learning lane word
    localparam integer TAGW   = 1;                                 // neuron pipeline tag: last of a word
    // the compact variant (COMPACT=1, for small FPGAs with single-ported weight memory):
    // the STDP lanes of a weight word in two halves, one per cycle of its read and
    // write slots
    localparam integer LH     = (COMPACT != 0) ? (P + 1) / 2 : P;  // STDP lane units
    localparam integer HL     = P - LH;                            // lanes of the second half
    localparam integer LQD    = 4 * RW;                            // depression words {w, in, half}
    // then 32 words that shadow the core registers 0x00-0x1F for read-back (compact)
    localparam integer LQAW   = $clog2(LQD + 32);
    // compact: the statistics counters (steps, cycles, spikes in, spikes out, 48 bits
    // each, and the 32-bit drop count) live in 14 words of 16 bits after the M input
    // traces, from the next multiple of 16 on (a counter word's address is {XI_CB, k})
    localparam integer XI_CB_I = ((M + 15) / 16) * 16;
    localparam integer XID    = (COMPACT != 0) ? XI_CB_I + 14 : M;  // input-trace words
    localparam integer XIRW   = (XID > 1) ? $clog2(XID) : 1;     // its address bits
    localparam integer XIW    = (XIRW > 4) ? XIRW : 4;            // address registers
    // compact: the step-cycle counter counts only the phases and is as wide as a step
    // can be long: it stops at 2^(CYW-1), but no step reaches CYC_BOUND
    localparam integer CYC_BOUND = 8 * WDEPTH + 32 * ROWS + 1024;
    localparam integer CYW    = (COMPACT != 0) ? $clog2(CYC_BOUND + 1) + 1 : 32;

    // sized copies of the geometry for comparisons and address arithmetic
    localparam [ROWW-1:0]  N_R    = N[ROWW-1:0];
    localparam [15:0]      M_16   = M[15:0];
    localparam integer     N_M1_I = N - 1;
    localparam integer     M_M1_I = M - 1;
    localparam integer     RW_M1_I = RW - 1;
    localparam [NW:0]      N_M1   = N_M1_I[NW:0];
    localparam [MW:0]      M_M1   = M_M1_I[MW:0];
    localparam [RWW-1:0]   RW_M1  = RW_M1_I[RWW-1:0];

    // ------------------------------------------------------------------
    // the step's states (lc_core_seq); the other modules decode them
    // ------------------------------------------------------------------
    localparam [3:0] S_INIT = 4'd0, S_IDLE = 4'd1, S_CFG1 = 4'd2, S_CFG2 = 4'd3,
                     S_PUSH = 4'd4, S_CLEAR = 4'd5, S_SYN = 4'd6, S_LEARN = 4'd7,
                     S_FIN  = 4'd8, S_CNT = 4'd9, S_CCLR = 4'd10, S_CFG3 = 4'd11;
    /* verilator lint_on UNUSEDPARAM */
