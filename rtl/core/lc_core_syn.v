// lc_core_syn.v : the core's synaptic stage: word-major accumulation into two banks of P sums
// For each weight word w (P neurons) it reads word w of every source row (this step's
// inputs, then last step's spikes) and adds its lanes into a bank the neuron pass drains.
// SPDX-License-Identifier: MIT
`default_nettype none

// Sources are visited for one word at a time, so a word's P sums are complete after
// its last source and the neuron pass can start on them while the next word fills the
// other bank. A sum is cleared when the neuron pass takes it, and every sum at the
// start of a step; each bank has its own adders (an adder feeding one register shares
// its logic cell on iCE40).
module lc_core_syn #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // unused here: the stage is the same in both variants
) (
    i_clk, i_rst, i_state, i_step_start, i_in_cnt, i_prev_cnt, i_cur_bank,
    i_il_rdata, i_ol_rdata, i_wm_rdata,
    i_take, i_take_bank, i_take_lane, i_take_last,
    o_rd, o_il_raddr, o_ol_raddr, o_wm_re, o_row, o_word, o_full, o_sum
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    input  wire              i_step_start;
    input  wire [MCW-1:0]    i_in_cnt;      // sources: the inputs, then last step's spikes
    input  wire [NCW-1:0]    i_prev_cnt;
    input  wire              i_cur_bank;
    // memory read data: the source lists and the weight word
    input  wire [MW-1:0]     i_il_rdata;
    input  wire [NW-1:0]     i_ol_rdata;
    input  wire [WWID-1:0]   i_wm_rdata;
    // the neuron pass takes sum i_take_lane of bank i_take_bank (the last: frees it)
    input  wire              i_take;
    input  wire              i_take_bank;
    input  wire [LW-1:0]     i_take_lane;
    input  wire              i_take_last;
    // memory requests: the source lists (stage 0), the weight word (stage 1)
    output wire              o_rd;
    output wire [MW-1:0]     o_il_raddr;
    output wire [NW:0]       o_ol_raddr;
    output wire              o_wm_re;
    output wire [ROWW-1:0]   o_row;         // row and word of the weight-word read
    output wire [RWW-1:0]    o_word;
    // to the neuron pass
    output reg  [1:0]        o_full;        // a bank's sums are complete
    output wire signed [AW-1:0] o_sum;

    reg                 sq_active;
    reg  [RWW-1:0]      sq_w;
    reg  [SCW-1:0]      sq_q, src_cnt;
    reg                 s0_valid, s0_bank, s0_last, s0_zero, s0_isin;
    reg  [RWW-1:0]      s0_w;
    reg                 s1_valid, s1_bank, s1_last, s1_zero;
    reg  signed [AW-1:0] acc0 [0:P-1];
    reg  signed [AW-1:0] acc1 [0:P-1];
    reg  [1:0]          bank_free;

    wire [SCW-1:0]      src_last  = (src_cnt == 0) ? {SCW{1'b0}} : src_cnt - 1'b1;
    wire                sq_bank   = sq_w[0];
    wire                sq_go     = (i_state == S_SYN) && sq_active
                                 && ((sq_q != 0) || bank_free[sq_bank]);
    wire                sq_islast = (sq_q == src_last);
    wire [SCW-1:0]      sq_prevq  = sq_q - {{(SCW-MCW){1'b0}}, i_in_cnt};

    assign o_rd       = sq_go;
    assign o_il_raddr = sq_q[MW-1:0];
    assign o_ol_raddr = {~i_cur_bank, sq_prevq[NW-1:0]};
    assign o_wm_re    = s0_valid && !s0_zero;
    // row of the source read by stage 1
    assign o_row      = s0_isin ? N_R + {{(ROWW-MW){1'b0}}, i_il_rdata}
                                : {{(ROWW-NW){1'b0}}, i_ol_rdata};
    assign o_word     = s0_w;
    assign o_sum      = i_take_bank ? acc1[i_take_lane] : acc0[i_take_lane];

    always @(posedge i_clk) begin
        if (i_step_start) begin
            src_cnt   <= {{(SCW-MCW){1'b0}}, i_in_cnt} + {{(SCW-NCW){1'b0}}, i_prev_cnt};
            sq_active <= 1'b1; sq_w <= {RWW{1'b0}}; sq_q <= {SCW{1'b0}};
            o_full    <= 2'b00; bank_free <= 2'b11;
        end
        // stage 0: issue the source-list reads
        s0_valid <= 1'b0;
        if (sq_go) begin
            s0_valid <= 1'b1;
            s0_w     <= sq_w;
            s0_bank  <= sq_bank;
            s0_last  <= sq_islast;
            s0_zero  <= (src_cnt == 0);
            s0_isin  <= (sq_q < {{(SCW-MCW){1'b0}}, i_in_cnt});
            if (sq_q == 0)
                bank_free[sq_bank] <= 1'b0;
            if (sq_islast) begin
                sq_q <= {SCW{1'b0}};
                sq_w <= sq_w + 1'b1;
                if (sq_w == RW_M1)
                    sq_active <= 1'b0;
            end else begin
                sq_q <= sq_q + 1'b1;
            end
        end
        // stage 1: the weight read is issued (combinational); carry the tags
        s1_valid <= s0_valid;
        s1_bank  <= s0_bank;
        s1_last  <= s0_last;
        s1_zero  <= s0_zero;
        // stage 2: accumulate (the sums: below)
        if (s1_valid && s1_last)
            o_full[s1_bank] <= 1'b1;
        // the neuron pass has taken a bank's last sum
        if (i_take && i_take_last) begin
            o_full[i_take_bank]    <= 1'b0;
            bank_free[i_take_bank] <= 1'b1;
        end
        if (i_rst) begin
            sq_active <= 1'b0;
            s0_valid  <= 1'b0;
            s1_valid  <= 1'b0;
        end
    end

    integer ab;
    always @(posedge i_clk) begin
        for (ab = 0; ab < P; ab = ab + 1) begin
            if (i_step_start || (i_take && !i_take_bank && i_take_lane == ab[LW-1:0]))
                acc0[ab] <= {AW{1'b0}};
            else if (s1_valid && !s1_bank && !s1_zero)
                acc0[ab] <= acc0[ab] + {{(AW-8){i_wm_rdata[ab*9+7]}}, i_wm_rdata[ab*9 +: 8]};
            if (i_step_start || (i_take && i_take_bank && i_take_lane == ab[LW-1:0]))
                acc1[ab] <= {AW{1'b0}};
            else if (s1_valid && s1_bank && !s1_zero)
                acc1[ab] <= acc1[ab] + {{(AW-8){i_wm_rdata[ab*9+7]}}, i_wm_rdata[ab*9 +: 8]};
        end
    end
    // the wrapped index arithmetic keeps only the list's index bits; the plastic bits
    // of the weight word are the learning phase's
    wire unused = &{1'b0, sq_prevq, i_wm_rdata, COMPACT[0]};
endmodule

`default_nettype wire
