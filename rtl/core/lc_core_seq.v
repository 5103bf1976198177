// lc_core_seq.v : the core's step sequencer: idle, configuration, input push, a step's phases
// Owns the state, the clear passes, the input-spike count, the spike-list banks and
// the step-cycle count; the phases start and report back through pulses.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_core_seq #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // 1: compact variant (counters in block RAM: S_CNT, S_CCLR)
) (
    i_clk, i_rst, i_cfg_valid, i_step, i_in_valid, i_in_idx,
    i_q_long, i_q_more, i_ctl, i_ctl_bits,
    i_dup, i_pass_done, i_learning, i_out_any, i_learn_done, i_cnt_end, i_cnt_drop,
    i_cclr_last, i_out_cnt,
    o_state, o_step_start, o_learn_start, o_drop, o_cl_cnt, o_sh_init, o_in_cnt,
    o_prev_cnt, o_cur_bank, o_push_idx, o_step_cyc,
    o_cfg_ready, o_in_ready, o_busy, o_step_done
);
`include "lc_core_geom.vh"
    input  wire            i_clk;
    input  wire            i_rst;
    // requests
    input  wire            i_cfg_valid;
    input  wire            i_step;
    input  wire            i_in_valid;
    input  wire [15:0]     i_in_idx;
    // configuration port: what the request in S_CFG1 is
    input  wire            i_q_long;      // takes S_CFG2 (a field, a counter or a shadow read)
    input  wire            i_q_more;      // S_CFG2 goes on to S_CFG3 (a counter's upper word)
    input  wire            i_ctl;         // a write of the control register
    input  wire [2:0]      i_ctl_bits;    // {reset all, clear counters, reset state}
    // phases
    input  wire            i_dup;         // the pushed input is already queued
    input  wire            i_pass_done;   // neuron and input passes finished
    input  wire            i_learning;
    input  wire            i_out_any;     // some neuron spiked this step
    input  wire            i_learn_done;
    input  wire            i_cnt_end;     // compact: the counter update ended
    input  wire            i_cnt_drop;    // compact: ... and it counted a dropped input
    input  wire            i_cclr_last;   // compact: the last counter word is cleared
    input  wire [NCW-1:0]  i_out_cnt;
    // state
    output reg  [3:0]      o_state;
    output wire            o_step_start;  // this cycle starts a step
    output wire            o_learn_start; // this cycle starts the learning phase
    output wire            o_drop;        // this cycle drops an out-of-range input spike
    output reg  [CLRW-1:0] o_cl_cnt;      // clear pass: the word being cleared
    output reg             o_sh_init;     // the init pass writes the register shadow
    output reg  [MCW-1:0]  o_in_cnt;      // distinct input spikes queued for the step
    output reg  [NCW-1:0]  o_prev_cnt;    // spikes of the previous step (bank !cur_bank)
    output reg             o_cur_bank;    // output-list bank of this step's spikes
    output reg  [MW-1:0]   o_push_idx;    // the input being pushed (S_PUSH)
    output reg  [CYW-1:0]  o_step_cyc;    // cycles of this (compact: of the last) step
    // handshakes
    output wire            o_cfg_ready;
    output wire            o_in_ready;
    output wire            o_busy;
    output reg             o_step_done;
    localparam integer     CLR_INIT_I  = CLRN - 1;
    localparam integer     CLR_STATE_I = ((N > M) ? N : M) - 1;
    localparam [CLRW-1:0]  CLR_INIT_LAST  = CLR_INIT_I[CLRW-1:0];
    localparam [CLRW-1:0]  CLR_STATE_LAST = CLR_STATE_I[CLRW-1:0];
    // the state after the step's phases: the counter update (compact) or the end
    localparam [3:0]       S_DONE = (COMPACT != 0) ? S_CNT : S_FIN;

    reg                    cc_clr_pend;   // compact: the counters in block RAM to clear

    assign o_cfg_ready   = (o_state == S_IDLE);
    assign o_in_ready    = (o_state == S_IDLE) && !i_cfg_valid;
    assign o_busy        = (o_state != S_IDLE) && (o_state != S_CFG1) && (o_state != S_CFG2)
                        && (o_state != S_CFG3) && (o_state != S_PUSH);
    assign o_step_start  = (o_state == S_IDLE) && !i_cfg_valid && i_step;
    assign o_learn_start = (o_state == S_SYN) && i_pass_done && i_learning
                        && (i_out_any || o_in_cnt != 0);
    assign o_drop        = (o_state == S_IDLE) && !i_cfg_valid && !i_step && i_in_valid
                        && !(i_in_idx < M_16);

    always @(posedge i_clk) begin
        o_step_done <= 1'b0;
        if (COMPACT == 0) begin
            if (o_state == S_SYN || o_state == S_LEARN || o_state == S_CNT || o_state == S_FIN)
                o_step_cyc <= o_step_cyc + 1'b1;
        end else if ((o_state == S_SYN || o_state == S_LEARN) && !o_step_cyc[CYW-1]) begin
            o_step_cyc <= o_step_cyc + 1'b1;
        end

        case (o_state)
        S_INIT, S_CLEAR: begin
            o_cl_cnt <= o_cl_cnt + 1'b1;
            if (o_cl_cnt == ((o_state == S_INIT) ? CLR_INIT_LAST : CLR_STATE_LAST)) begin
                o_state    <= cc_clr_pend ? S_CCLR : S_IDLE;
                o_cl_cnt   <= {CLRW{1'b0}};
                o_sh_init  <= 1'b0;
                o_in_cnt   <= {MCW{1'b0}};
                o_prev_cnt <= {NCW{1'b0}};
            end
        end
        S_CCLR: begin                   // compact: zero the 14 counter words
            if (i_cclr_last) begin
                o_state     <= S_IDLE;
                cc_clr_pend <= 1'b0;
            end
        end
        S_IDLE: begin
            if (i_cfg_valid) begin
                o_state <= S_CFG1;
            end else if (i_step) begin
                o_state    <= S_SYN;
                // compact: the count starts 13 on, for the 13 S_CNT cycles and the
                // S_FIN cycle it does not count
                o_step_cyc <= {{(CYW-4){1'b0}}, (COMPACT != 0) ? 4'd14 : 4'd1};
            end else if (i_in_valid) begin
                if (i_in_idx < M_16) begin
                    o_push_idx <= i_in_idx[MW-1:0];
                    o_state    <= S_PUSH;
                end else if (COMPACT != 0) begin
                    o_state <= S_CNT;       // compact: count the dropped spike in RAM
                end
            end
        end
        S_PUSH: begin
            if (!i_dup)
                o_in_cnt <= o_in_cnt + 1'b1;
            o_state <= S_IDLE;
        end
        S_CFG1: begin
            o_state <= i_q_long ? S_CFG2 : S_IDLE;
            if (i_ctl) begin
                if (i_ctl_bits[1]) begin
                    o_step_cyc  <= {CYW{1'b0}};
                    cc_clr_pend <= (COMPACT != 0);
                end
                if (i_ctl_bits[2]) begin
                    o_state  <= S_INIT;     // weights, parameters and state
                    o_cl_cnt <= {CLRW{1'b0}};
                end else if (i_ctl_bits[0]) begin
                    o_state  <= S_CLEAR;    // state only
                    o_cl_cnt <= {CLRW{1'b0}};
                end else if (i_ctl_bits[1] && (COMPACT != 0)) begin
                    o_state  <= S_CCLR;     // the counters in block RAM
                end
            end
        end
        S_CFG2: o_state <= i_q_more ? S_CFG3 : S_IDLE;
        S_CFG3: o_state <= S_IDLE;      // compact: the upper word of a counter's low half
        S_SYN: begin
            if (i_pass_done)
                o_state <= o_learn_start ? S_LEARN : S_DONE;
        end
        S_LEARN: begin
            if (i_learn_done)
                o_state <= S_DONE;
        end
        S_CNT: begin                    // compact: the counters' update
            if (i_cnt_end)
                o_state <= i_cnt_drop ? S_IDLE : S_FIN;
        end
        S_FIN: begin
            o_state     <= S_IDLE;
            o_step_done <= 1'b1;
            o_cur_bank  <= ~o_cur_bank;
            o_prev_cnt  <= i_out_cnt;
            o_in_cnt    <= {MCW{1'b0}};
        end
        default: o_state <= S_IDLE;
        endcase

        if (i_rst) begin
            o_state     <= S_INIT;
            o_cl_cnt    <= {CLRW{1'b0}};
            o_cur_bank  <= 1'b0;
            o_in_cnt    <= {MCW{1'b0}};
            o_prev_cnt  <= {NCW{1'b0}};
            cc_clr_pend <= (COMPACT != 0);
            o_sh_init   <= 1'b1;
            o_step_done <= 1'b0;
            o_step_cyc  <= {CYW{1'b0}};
        end
    end
endmodule

`default_nettype wire
