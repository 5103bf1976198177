// lc_core_inputs.v : the core's input pass: decay and increment the axon traces
// Once per step, in the synaptic phase, it reads every axon's trace and pending bit,
// writes the new trace, the learning copy {pre spiked, decayed x} and clears the bit.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_core_inputs #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 0    // unused here: the pass is the same in both variants
) (
    i_clk, i_rst, i_state, i_step_start, i_xi_rdata, i_ib_rdata, i_dx, i_x_imp,
    o_rd, o_raddr, o_wr, o_waddr, o_x_new, o_x_pre, o_done, o_busy
);
`include "lc_core_geom.vh"
    input  wire              i_clk;
    input  wire              i_rst;
    input  wire [3:0]        i_state;
    input  wire              i_step_start;
    input  wire [15:0]       i_xi_rdata;    // the axon's trace
    input  wire              i_ib_rdata;    // its input spike of this step
    input  wire [12:0]       i_dx;          // trace decay, /4096
    input  wire [15:0]       i_x_imp;       // trace increment
    // memory requests: read axon o_raddr; write axon o_waddr the cycle after
    output wire              o_rd;
    output reg  [MW-1:0]     o_raddr;
    output reg               o_wr;
    output reg  [MW-1:0]     o_waddr;
    output wire [15:0]       o_x_new;       // the new trace, saturated
    output wire [16:0]       o_x_pre;       // {pre spiked, decayed x}, for learning
    // the pass has ended (o_busy: its last write is still under way)
    output reg               o_done;
    output wire              o_busy;

    reg                 ip_active;
    wire [15:0]         x_dec;
    lc_decay #(.W(16), .SIGNED(0)) u_dxin (.i_z(i_xi_rdata), .i_d(i_dx), .o_z(x_dec));
    wire [16:0]         x_sum = {1'b0, x_dec} + (i_ib_rdata ? {1'b0, i_x_imp} : 17'd0);

    assign o_rd    = (i_state == S_SYN) && ip_active;
    assign o_x_new = x_sum[16] ? 16'hFFFF : x_sum[15:0];
    assign o_x_pre = {i_ib_rdata, x_dec};
    assign o_busy  = o_wr;

    always @(posedge i_clk) begin
        if (i_step_start) begin
            ip_active <= 1'b1; o_raddr <= {MW{1'b0}}; o_done <= 1'b0;
        end
        o_wr <= 1'b0;
        if (o_rd) begin
            o_wr    <= 1'b1;
            o_waddr <= o_raddr;
            o_raddr <= o_raddr + 1'b1;
            if ({1'b0, o_raddr} == M_M1)
                ip_active <= 1'b0;
        end
        if (o_wr && ({1'b0, o_waddr} == M_M1))
            o_done <= 1'b1;
        if (i_rst) begin
            ip_active <= 1'b0;
            o_wr      <= 1'b0;
        end
    end
    wire unused = &{1'b0, COMPACT[0]};
endmodule

`default_nettype wire
