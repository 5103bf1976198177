// lc_core_counters.v : the core's statistics counters in registers (dual-port builds)
// Steps, cycles, input and output spikes, the last step's cycles and the dropped
// inputs, cleared by the control register, read back at 0x30-0x39.
// SPDX-License-Identifier: MIT
`default_nettype none

// the same ports as lc_core_counters_ram (the compact variant's), which lc_core picks
// instead; the ports that only the block-RAM counters use are tied off here
module lc_core_counters #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0,   // must be 0
    parameter integer CNT_W   = 48   // bits of the counters, 33..64
) (
    i_clk, i_rst, i_state, i_ctl_clr, i_drop, i_step_cyc, i_in_cnt, i_out_cnt,
    i_q_reg, i_q_write, i_q_off, i_xi_rdata,
    o_rdata, o_q_is_cnt, o_cr_cnt, o_q_more, o_cnt_end, o_cnt_drop, o_cclr_last,
    o_xi_re, o_xi_raddr, o_xi_we, o_xi_waddr, o_xi_wdata
);
`include "lc_core_geom.vh"
    input  wire            i_clk;
    input  wire            i_rst;
    // what happens
    input  wire [3:0]      i_state;
    input  wire            i_ctl_clr;     // the control register clears the counters
    input  wire            i_drop;        // an out-of-range input spike is dropped
    input  wire [CYW-1:0]  i_step_cyc;
    input  wire [MCW-1:0]  i_in_cnt;
    input  wire [NCW-1:0]  i_out_cnt;
    // read-back
    input  wire [3:0]      i_q_reg;
    input  wire            i_q_write;
    input  wire [7:0]      i_q_off;
    input  wire [15:0]     i_xi_rdata;
    output reg  [31:0]     o_rdata;       // register 0x30-0x39 at i_q_off
    output wire            o_q_is_cnt;    // the read takes the block-RAM path (compact)
    output wire            o_cr_cnt;
    output wire            o_q_more;
    // sequencing of the block-RAM passes (compact)
    output wire            o_cnt_end;
    output wire            o_cnt_drop;
    output wire            o_cclr_last;
    // input-trace memory port (compact: the counter words)
    output wire            o_xi_re;
    output wire [XIW-1:0]  o_xi_raddr;
    output wire            o_xi_we;
    output wire [XIW-1:0]  o_xi_waddr;
    output wire [15:0]     o_xi_wdata;

    initial if (COMPACT != 0) $error("lc_core_counters: the compact core uses lc_core_counters_ram");

    reg  [CNT_W-1:0]    c_steps, c_cycles, c_spk_in, c_spk_out;
    reg  [31:0]         c_last, c_dropped;

    always @* begin
        case (i_q_off)
            8'h30: o_rdata = c_steps[31:0];
            8'h31: o_rdata = {{(64-CNT_W){1'b0}}, c_steps[CNT_W-1:32]};
            8'h32: o_rdata = c_cycles[31:0];
            8'h33: o_rdata = {{(64-CNT_W){1'b0}}, c_cycles[CNT_W-1:32]};
            8'h34: o_rdata = c_spk_in[31:0];
            8'h35: o_rdata = {{(64-CNT_W){1'b0}}, c_spk_in[CNT_W-1:32]};
            8'h36: o_rdata = c_spk_out[31:0];
            8'h37: o_rdata = {{(64-CNT_W){1'b0}}, c_spk_out[CNT_W-1:32]};
            8'h38: o_rdata = c_last;
            8'h39: o_rdata = c_dropped;
            default: o_rdata = 32'd0;
        endcase
    end

    always @(posedge i_clk) begin
        if (i_drop)
            c_dropped <= c_dropped + 1;
        if (i_state == S_FIN) begin
            c_steps   <= c_steps + 1'b1;
            c_cycles  <= c_cycles + {{(CNT_W-32){1'b0}}, i_step_cyc};
            c_spk_in  <= c_spk_in + {{(CNT_W-MCW){1'b0}}, i_in_cnt};
            c_spk_out <= c_spk_out + {{(CNT_W-NCW){1'b0}}, i_out_cnt};
            c_last    <= i_step_cyc;
        end
        if (i_rst || i_ctl_clr) begin
            c_steps <= {CNT_W{1'b0}}; c_cycles <= {CNT_W{1'b0}};
            c_spk_in <= {CNT_W{1'b0}}; c_spk_out <= {CNT_W{1'b0}};
            c_last <= 32'd0; c_dropped <= 32'd0;
        end
    end

    assign o_q_is_cnt  = 1'b0;
    assign o_cr_cnt    = 1'b0;
    assign o_q_more    = 1'b0;
    assign o_cnt_end   = 1'b0;
    assign o_cnt_drop  = 1'b0;
    assign o_cclr_last = 1'b0;
    assign o_xi_re     = 1'b0;
    assign o_xi_raddr  = {XIW{1'b0}};
    assign o_xi_we     = 1'b0;
    assign o_xi_waddr  = {XIW{1'b0}};
    assign o_xi_wdata  = 16'd0;
    wire unused = &{1'b0, i_q_reg, i_q_write, i_xi_rdata};
endmodule

`default_nettype wire
