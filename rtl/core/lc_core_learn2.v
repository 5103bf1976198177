// lc_core_learn2.v : the learning engine of the dual-port core: two rows a cycle
// Like lc_core_learn, but the weights sit in two banks (even rows, odd rows) and each
// issued word is the same word of rows 2q and 2q+1, read, updated and written together.
// SPDX-License-Identifier: MIT
`default_nettype none

// Pipeline: row prefetch r0 (list read) -> r1 (trace read; an even row waits for its odd
// partner) -> pair FIFO -> word issue w0 (both banks, post and depression reads; each
// row's potentiation) -> w1 (two sets of lanes, lc_core_lanes, update the two words and
// write them back). Every row (some neuron spiked) goes in pairs {2q, 2q+1}; a pair visits
// every word if either row's source spiked, else the words that hold a spiking neuron.
// A word of a row whose source did not spike, with no spiking neuron in it, is written
// back unchanged (lc_stdp_lane keeps every synapse with neither side spiking). The rows of
// this step's inputs alone (no neuron spiked) go one at a time, in their own bank.
module lc_core_learn2 #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // must be 0
) (
    i_clk, i_rst, i_state, i_learn_start, i_out_any, i_in_cnt, i_kw_cnt,
    i_il_rdata, i_kw_rdata, i_sm_xpre, i_xq_rdata, i_ap_in, i_ap_rec, i_sp_in, i_sp_rec,
    i_wm_addr, i_lanes_busy, i_pl_rdata,
    o_il_rd, o_il_raddr, o_row_rd, o_pl_raddr, o_sm_raddr, o_xq_raddr, o_kw_rd, o_kw_raddr,
    o_w0_valid, o_w0_row, o_w0_word, o_w0_in,
    o_w1_valid, o_w1_addr, o_w1_w, o_w1_va, o_w1_vb, o_w1_pre_a, o_w1_pre_b,
    o_w1_in_a, o_w1_in_b, o_w1_pot_a, o_w1_pot_b, o_done
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    input  wire              i_learn_start;
    input  wire              i_out_any;     // some neuron spiked: visit every row
    input  wire [MCW-1:0]    i_in_cnt;
    input  wire [RCW-1:0]    i_kw_cnt;      // words holding a spike
    input  wire [MW-1:0]     i_il_rdata;    // the input list
    input  wire [RWW-1:0]    i_kw_rdata;    // the spiking-word list
    input  wire [16:0]       i_sm_xpre;     // a neuron row's {pre spiked, decayed x}
    input  wire [16:0]       i_xq_rdata;    // an axon row's
    input  wire [7:0]        i_ap_in;
    input  wire [7:0]        i_ap_rec;
    input  wire [4:0]        i_sp_in;
    input  wire [4:0]        i_sp_rec;
    input  wire [WAW-1:0]    i_wm_addr;     // bank address of (o_w0_row, o_w0_word)
    input  wire              i_lanes_busy;  // words still being written
    input  wire              i_pl_rdata;    // the row may hold a plastic synapse (at r1)
    output wire              o_il_rd;
    output wire [MW-1:0]     o_il_raddr;
    output wire              o_row_rd;      // r0: read the row's trace and plastic flag
    output wire [ROWW-1:0]   o_pl_raddr;
    output wire [NW-1:0]     o_sm_raddr;
    output wire [MW-1:0]     o_xq_raddr;
    output wire              o_kw_rd;
    output wire [RWW-1:0]    o_kw_raddr;
    // the word at w0: rows {o_w0_row, o_w0_row + 1} (o_w0_row even), both banks read
    output reg               o_w0_valid;
    output reg  [ROWW-1:0]   o_w0_row;
    output wire [RWW-1:0]    o_w0_word;
    output wire              o_w0_in;
    // the word at w1, to the two sets of lanes (a: the even row's bank, b: the odd row's)
    output reg               o_w1_valid;
    output reg  [WAW-1:0]    o_w1_addr;
    output reg  [RWW-1:0]    o_w1_w;
    output wire              o_w1_va;
    output wire              o_w1_vb;
    output reg               o_w1_pre_a;
    output reg               o_w1_pre_b;
    output reg               o_w1_in_a;
    output reg               o_w1_in_b;
    output reg  [23:0]       o_w1_pot_a;
    output reg  [23:0]       o_w1_pot_b;
    output wire              o_done;

    initial if (COMPACT != 0) $error("lc_core_learn2: the compact core uses lc_core_learn");

    localparam integer   RFD   = 4;
    localparam integer   RFAW  = 2;
    localparam [3:0]     RFD_C = RFD[3:0];
    localparam [RCW-1:0] RW_C  = RW[RCW-1:0];
    localparam integer   LAST_I = ROWS - 1;
    localparam [ROWW-1:0] LAST_ROW = LAST_I[ROWW-1:0];

    reg                 mode_all;
    reg  [ROWCW-1:0]    rp_cnt, rp_total;
    reg                 r0_valid, r1_valid;
    reg  [ROWCW-1:0]    r0_cnt;
    reg  [ROWW-1:0]     r1_row;
    // the even row waiting for its partner
    reg                 h_valid, h_pl, h_pre, h_in;
    reg  [15:0]         h_x;
    // pair FIFO: {pair row (even), valid a/b, pre a/b, set_in a/b, pre trace a/b}
    reg  [ROWW-1:0]     rf_row [0:RFD-1];
    reg                 rf_va  [0:RFD-1];
    reg                 rf_vb  [0:RFD-1];
    reg                 rf_pa  [0:RFD-1];
    reg                 rf_pb  [0:RFD-1];
    reg                 rf_ia  [0:RFD-1];
    reg                 rf_ib  [0:RFD-1];
    reg  [15:0]         rf_xa  [0:RFD-1];
    reg  [15:0]         rf_xb  [0:RFD-1];
    reg  [RFAW-1:0]     rf_wp, rf_rp;
    reg  [2:0]          rf_cnt;
    // pair being issued
    reg                 cu_valid, cu_va, cu_vb, cu_pa, cu_pb, cu_ia, cu_ib;
    reg  [ROWW-1:0]     cu_row;
    reg  [15:0]         cu_xa, cu_xb;
    reg  [RCW-1:0]      cu_wq;
    // pair at w0
    reg                 w0_all, w0_va, w0_vb, w0_pa, w0_pb, w0_ia, w0_ib;
    reg  [15:0]         w0_xa, w0_xb;
    reg  [RWW-1:0]      w0_wq;
    reg                 w1_va, w1_vb;

    wire [ROWW-1:0]     r1_row_w  = mode_all ? r0_cnt[ROWW-1:0]
                                             : N_R + {{(ROWW-MW){1'b0}}, i_il_rdata};
    wire [ROWW-1:0]     r1_row_in = r1_row_w - N_R;
    wire                r2_in     = (r1_row >= N_R);
    wire [16:0]         r2_xp     = r2_in ? i_xq_rdata : i_sm_xpre;
    wire                r2_odd    = r1_row[0];
    // an even row of the full pass waits for its partner, unless it is the last row
    wire                r2_hold   = r1_valid && mode_all && !r2_odd && (r1_row != LAST_ROW);
    wire                rp_room   = ({1'b0, rf_cnt} + {3'd0, r0_valid} + {3'd0, r1_valid}) < RFD_C;
    wire                rp_go     = (i_state == S_LEARN) && (rp_cnt != rp_total) && rp_room;
    wire                cu_pre    = (cu_va && cu_pa) || (cu_vb && cu_pb);
    wire [RCW-1:0]      cu_nw     = cu_pre ? RW_C : i_kw_cnt;
    wire                cu_last   = (cu_wq == cu_nw - 1'b1);
    wire                wi_go     = (i_state == S_LEARN) && cu_valid;
    wire                rf_pop    = (rf_cnt != 0) && (!cu_valid || (wi_go && cu_last));
    // the entry pushed: the held even row and this odd one, or this row alone in its bank
    wire                ps_va     = r2_odd ? (mode_all && h_valid && h_pl) : i_pl_rdata;
    wire                ps_vb     = r2_odd && i_pl_rdata;
    wire                ps_pa     = r2_odd ? h_pre : r2_xp[16];
    wire                ps_ia     = r2_odd ? h_in  : r2_in;
    wire [15:0]         ps_xa     = r2_odd ? h_x   : r2_xp[15:0];
    // a row without a plastic synapse is left out of its pair (a pair of two such rows
    // is not pushed at all)
    wire                rf_push   = r1_valid && !r2_hold && (ps_va || ps_vb);
    wire [7:0]          ap_a      = w0_ia ? i_ap_in : i_ap_rec;
    wire [7:0]          ap_b      = w0_ib ? i_ap_in : i_ap_rec;
    wire [4:0]          sp_a      = w0_ia ? i_sp_in : i_sp_rec;
    wire [4:0]          sp_b      = w0_ib ? i_sp_in : i_sp_rec;
    wire [23:0]         pot_a, pot_b;
    lc_stdp_pot u_pot_a (.i_a(ap_a), .i_x(w0_xa), .i_s(sp_a), .o_pot(pot_a));
    lc_stdp_pot u_pot_b (.i_a(ap_b), .i_x(w0_xb), .i_s(sp_b), .o_pot(pot_b));

    assign o_done     = (rp_cnt == rp_total) && !cu_valid && (rf_cnt == 0) && !h_valid
                     && !r0_valid && !r1_valid && !o_w0_valid && !o_w1_valid && !i_lanes_busy;
    assign o_il_rd    = rp_go;
    assign o_il_raddr = rp_cnt[MW-1:0];
    assign o_row_rd   = r0_valid;
    assign o_pl_raddr = r1_row_w;
    assign o_sm_raddr = r1_row_w[NW-1:0];
    assign o_xq_raddr = r1_row_in[MW-1:0];
    assign o_kw_rd    = wi_go;
    assign o_kw_raddr = cu_wq[RWW-1:0];
    assign o_w0_word  = w0_all ? w0_wq : i_kw_rdata;
    assign o_w0_in    = w0_ia;
    assign o_w1_va    = o_w1_valid && w1_va;
    assign o_w1_vb    = o_w1_valid && w1_vb;

    always @(posedge i_clk) begin
        if (i_learn_start) begin
            mode_all <= i_out_any;
            rp_cnt   <= {ROWCW{1'b0}};
            rp_total <= i_out_any ? ROWS[ROWCW-1:0] : {{(ROWCW-MCW){1'b0}}, i_in_cnt};
            rf_wp <= {RFAW{1'b0}}; rf_rp <= {RFAW{1'b0}}; rf_cnt <= 3'd0;
            cu_valid <= 1'b0;
            h_valid  <= 1'b0;
        end
        // row prefetch
        r0_valid <= 1'b0;
        if (rp_go) begin
            r0_valid <= 1'b1;
            r0_cnt   <= rp_cnt;
            rp_cnt   <= rp_cnt + 1'b1;
        end
        r1_valid <= r0_valid;
        r1_row   <= r1_row_w;
        if (r2_hold) begin
            h_valid <= 1'b1;
            h_pl    <= i_pl_rdata;
            h_pre   <= r2_xp[16];
            h_in    <= r2_in;
            h_x     <= r2_xp[15:0];
        end else if (r1_valid) begin
            h_valid <= 1'b0;
        end
        if (rf_push) begin
            rf_row[rf_wp] <= {r1_row[ROWW-1:1], 1'b0};
            rf_va[rf_wp]  <= ps_va;
            rf_vb[rf_wp]  <= ps_vb;
            rf_pa[rf_wp]  <= ps_pa;
            rf_pb[rf_wp]  <= r2_xp[16];
            rf_ia[rf_wp]  <= ps_ia;
            rf_ib[rf_wp]  <= r2_in;
            rf_xa[rf_wp]  <= ps_xa;
            rf_xb[rf_wp]  <= r2_xp[15:0];
            rf_wp         <= rf_wp + 1'b1;
        end
        if (rf_pop)
            rf_rp <= rf_rp + 1'b1;
        rf_cnt <= rf_cnt + {2'd0, rf_push} - {2'd0, rf_pop};
        // word issue
        o_w0_valid <= 1'b0;
        if (wi_go) begin
            o_w0_valid <= 1'b1;
            o_w0_row   <= cu_row;
            w0_all     <= cu_pre;
            w0_va <= cu_va; w0_vb <= cu_vb; w0_pa <= cu_pa; w0_pb <= cu_pb;
            w0_ia <= cu_ia; w0_ib <= cu_ib; w0_xa <= cu_xa; w0_xb <= cu_xb;
            w0_wq      <= cu_wq[RWW-1:0];
            cu_wq      <= cu_wq + 1'b1;
            if (cu_last && !rf_pop)
                cu_valid <= 1'b0;
        end
        if (rf_pop) begin
            cu_valid <= 1'b1;
            cu_row   <= rf_row[rf_rp];
            cu_va <= rf_va[rf_rp]; cu_vb <= rf_vb[rf_rp];
            cu_pa <= rf_pa[rf_rp]; cu_pb <= rf_pb[rf_rp];
            cu_ia <= rf_ia[rf_rp]; cu_ib <= rf_ib[rf_rp];
            cu_xa <= rf_xa[rf_rp]; cu_xb <= rf_xb[rf_rp];
            cu_wq    <= {RCW{1'b0}};
        end
        o_w1_valid <= o_w0_valid;
        if (o_w0_valid) begin
            o_w1_addr  <= i_wm_addr;
            o_w1_w     <= o_w0_word;
            w1_va      <= w0_va;
            w1_vb      <= w0_vb;
            o_w1_pre_a <= w0_va && w0_pa;
            o_w1_pre_b <= w0_vb && w0_pb;
            o_w1_in_a  <= w0_ia;
            o_w1_in_b  <= w0_ib;
            o_w1_pot_a <= pot_a;
            o_w1_pot_b <= pot_b;
        end
        if (i_rst) begin
            r0_valid <= 1'b0; r1_valid <= 1'b0; o_w0_valid <= 1'b0; o_w1_valid <= 1'b0;
            cu_valid <= 1'b0; h_valid <= 1'b0;
            rf_cnt   <= 3'd0;
            rp_cnt   <= {ROWCW{1'b0}}; rp_total <= {ROWCW{1'b0}};
        end
    end
    // the row counter is wider than a row index; an axon row's index is its low bits
    wire unused = &{1'b0, r0_cnt, r1_row_in, r1_row[0]};
endmodule

`default_nettype wire
