// lc_core_learn.v : the core's learning engine: the rows to update and their weight words
// Visits every row (some neuron spiked) or the rows of this step's inputs, prefetches
// each row's pre trace, and issues the row's words: all (pre spiked) or the spiking ones.
// SPDX-License-Identifier: MIT
`default_nettype none

// Pipeline: row prefetch r0 (list read) -> r1 (trace read) -> row FIFO -> word issue
// w0 (weight, post and depression reads; the row's potentiation) -> w1 (the lanes,
// lc_core_lanes*, update the word and write it back). The FIFO keeps the word rate
// (1 a cycle, or 1 every other cycle on a single-ported weight memory: o_slot).
module lc_core_learn #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // 1: compact variant (a 2-entry row FIFO)
) (
    i_clk, i_rst, i_state, i_learn_start, i_out_any, i_in_cnt, i_kw_cnt,
    i_il_rdata, i_kw_rdata, i_sm_xpre, i_xq_rdata, i_ap_in, i_ap_rec, i_sp_in, i_sp_rec,
    i_pot, i_wm_addr, i_slot, i_lanes_busy, i_pl_rdata,
    o_il_rd, o_il_raddr, o_row_rd, o_pl_raddr, o_sm_raddr, o_xq_raddr, o_kw_rd, o_kw_raddr,
    o_w0_valid, o_w0_row, o_w0_word, o_w0_in, o_w0_ap, o_w0_x, o_w0_sp,
    o_w1_valid, o_w1_addr, o_w1_w, o_w1_pre, o_w1_in, o_w1_pot, o_done
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    input  wire              i_learn_start;
    input  wire              i_out_any;     // some neuron spiked: visit every row
    input  wire [MCW-1:0]    i_in_cnt;
    input  wire [RCW-1:0]    i_kw_cnt;      // words holding a spike
    // memory read data
    input  wire [MW-1:0]     i_il_rdata;    // the input list
    input  wire [RWW-1:0]    i_kw_rdata;    // the spiking-word list
    input  wire [16:0]       i_sm_xpre;     // a neuron row's {pre spiked, decayed x}
    input  wire [16:0]       i_xq_rdata;    // an axon row's
    // the STDP sets' potentiation parameters
    input  wire [7:0]        i_ap_in;
    input  wire [7:0]        i_ap_rec;
    input  wire [4:0]        i_sp_in;
    input  wire [4:0]        i_sp_rec;
    input  wire [23:0]       i_pot;         // (o_w0_ap * o_w0_x) >> o_w0_sp, at w0
    input  wire [WAW-1:0]    i_wm_addr;     // weight address of (o_w0_row, o_w0_word)
    input  wire              i_slot;        // the weight memory takes a read this cycle
    input  wire              i_lanes_busy;  // words still being written
    input  wire              i_pl_rdata;    // the row may hold a plastic synapse (at r1)
    // memory requests
    output wire              o_il_rd;
    output wire [MW-1:0]     o_il_raddr;
    output wire              o_row_rd;      // r0: read the row's trace and plastic flag
    output wire [ROWW-1:0]   o_pl_raddr;
    output wire [NW-1:0]     o_sm_raddr;
    output wire [MW-1:0]     o_xq_raddr;
    output wire              o_kw_rd;
    output wire [RWW-1:0]    o_kw_raddr;
    // the word at w0: its reads and potentiation
    output reg               o_w0_valid;
    output reg  [ROWW-1:0]   o_w0_row;
    output wire [RWW-1:0]    o_w0_word;
    output reg               o_w0_in;
    output wire [7:0]        o_w0_ap;
    output reg  [15:0]       o_w0_x;
    output wire [4:0]        o_w0_sp;
    // the word at w1, to the lanes (these hold through its w2)
    output reg               o_w1_valid;
    output reg  [WAW-1:0]    o_w1_addr;
    output reg  [RWW-1:0]    o_w1_w;
    output reg               o_w1_pre;
    output reg               o_w1_in;
    output reg  [23:0]       o_w1_pot;
    output wire              o_done;

    // learning row FIFO: 2 entries keep the single-port word rate (2 cycles a word) fed
    localparam integer RFD   = (COMPACT != 0) ? 2 : 4;
    localparam integer RFAW  = (COMPACT != 0) ? 1 : 2;
    localparam [3:0]   RFD_C = RFD[3:0];
    localparam [RCW-1:0] RW_C = RW[RCW-1:0];

    reg                 mode_all;
    reg  [ROWCW-1:0]    rp_cnt, rp_total;
    reg                 r0_valid, r1_valid;
    reg  [ROWCW-1:0]    r0_cnt;
    reg  [ROWW-1:0]     r1_row;
    // row FIFO: {row, pre, set_in, pre trace}
    reg  [ROWW-1:0]     rf_row [0:RFD-1];
    reg                 rf_pre [0:RFD-1];
    reg                 rf_in  [0:RFD-1];
    reg  [15:0]         rf_x   [0:RFD-1];
    reg  [RFAW-1:0]     rf_wp, rf_rp;
    reg  [2:0]          rf_cnt;
    // row being issued
    reg                 cu_valid, cu_pre, cu_in;
    reg  [ROWW-1:0]     cu_row;
    reg  [15:0]         cu_x;
    reg  [RCW-1:0]      cu_wq;
    // word at w0
    reg                 w0_pre;
    reg  [RWW-1:0]      w0_wq;

    wire [ROWW-1:0]     r1_row_w  = mode_all ? r0_cnt[ROWW-1:0]
                                             : N_R + {{(ROWW-MW){1'b0}}, i_il_rdata};
    wire [ROWW-1:0]     r1_row_in = r1_row_w - N_R;
    wire                r2_in     = (r1_row >= N_R);
    wire [16:0]         r2_xp     = r2_in ? i_xq_rdata : i_sm_xpre;
    wire                rp_room   = ({1'b0, rf_cnt} + {3'd0, r0_valid} + {3'd0, r1_valid}) < RFD_C;
    wire                rp_go     = (i_state == S_LEARN) && (rp_cnt != rp_total) && rp_room;
    // a row without a plastic synapse has nothing to update: it is dropped here
    wire                rf_push   = r1_valid && i_pl_rdata;
    wire [RCW-1:0]      cu_nw     = cu_pre ? RW_C : i_kw_cnt;
    wire                cu_last   = (cu_wq == cu_nw - 1'b1);
    wire                wi_go     = (i_state == S_LEARN) && cu_valid && i_slot;
    wire                rf_pop    = (rf_cnt != 0) && (!cu_valid || (wi_go && cu_last));
    assign o_done     = (rp_cnt == rp_total) && !cu_valid && (rf_cnt == 0)
                     && !r0_valid && !r1_valid && !o_w0_valid && !o_w1_valid && !i_lanes_busy;

    assign o_il_rd    = rp_go;
    assign o_il_raddr = rp_cnt[MW-1:0];
    assign o_row_rd   = r0_valid;
    assign o_pl_raddr = r1_row_w;
    assign o_sm_raddr = r1_row_w[NW-1:0];
    assign o_xq_raddr = r1_row_in[MW-1:0];
    assign o_kw_rd    = wi_go;
    assign o_kw_raddr = cu_wq[RWW-1:0];
    assign o_w0_word  = w0_pre ? w0_wq : i_kw_rdata;
    assign o_w0_ap    = o_w0_in ? i_ap_in : i_ap_rec;
    assign o_w0_sp    = o_w0_in ? i_sp_in : i_sp_rec;

    always @(posedge i_clk) begin
        if (i_learn_start) begin
            mode_all  <= i_out_any;
            rp_cnt    <= {ROWCW{1'b0}};
            rp_total  <= i_out_any ? ROWS[ROWCW-1:0] : {{(ROWCW-MCW){1'b0}}, i_in_cnt};
            rf_wp <= {RFAW{1'b0}}; rf_rp <= {RFAW{1'b0}}; rf_cnt <= 3'd0;
            cu_valid <= 1'b0;
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
        if (rf_push) begin
            rf_row[rf_wp] <= r1_row;
            rf_pre[rf_wp] <= r2_xp[16];
            rf_in[rf_wp]  <= r2_in;
            rf_x[rf_wp]   <= r2_xp[15:0];
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
            w0_pre     <= cu_pre;
            o_w0_in    <= cu_in;
            o_w0_x     <= cu_x;
            w0_wq      <= cu_wq[RWW-1:0];
            cu_wq      <= cu_wq + 1'b1;
            if (cu_last && !rf_pop)
                cu_valid <= 1'b0;
        end
        if (rf_pop) begin
            cu_valid  <= 1'b1;
            cu_row    <= rf_row[rf_rp];
            cu_pre    <= rf_pre[rf_rp];
            cu_in     <= rf_in[rf_rp];
            cu_x      <= rf_x[rf_rp];
            cu_wq     <= {RCW{1'b0}};
        end
        o_w1_valid <= o_w0_valid;
        // a word's row values hold from its w1 through its w2 (compact: the second
        // half's lanes use them; the next word reaches w1 only after that)
        if (o_w0_valid) begin
            o_w1_addr <= i_wm_addr;
            o_w1_w    <= o_w0_word;
            o_w1_pre  <= w0_pre;
            o_w1_in   <= o_w0_in;
            o_w1_pot  <= i_pot;
        end
        if (i_rst) begin
            r0_valid   <= 1'b0; r1_valid <= 1'b0; o_w0_valid <= 1'b0; o_w1_valid <= 1'b0;
            cu_valid   <= 1'b0;
            rf_cnt     <= 3'd0;
            rp_cnt     <= {ROWCW{1'b0}}; rp_total <= {ROWCW{1'b0}};
        end
    end
    // the row counter is wider than a row index; an axon row's index is its low bits
    wire unused = &{1'b0, r0_cnt, r1_row_in};
endmodule

`default_nettype wire
