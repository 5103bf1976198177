// lc_wmem.v : synapse weight memory, generic variant (inferred RAM; simulation, ECP5)
// Words of P synapses; the iCE40UP5K build replaces this file with an SPRAM variant
// of the same ports (rtl/ice40/lc_wmem.v). Read data appears the cycle after i_re.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_wmem #(
    parameter integer WIDTH = 36,   // bits per word (P synapses of 9 bits)
    parameter integer DEPTH = 1024  // words
) (
    input  wire                     i_clk,
    // write port
    input  wire                     i_we,
    input  wire [AW-1:0]            i_waddr,
    input  wire [WIDTH-1:0]         i_wdata,
    // read port, one cycle latency
    input  wire                     i_re,
    input  wire [AW-1:0]            i_raddr,
    output wire [WIDTH-1:0]         o_rdata
);
    localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    lc_ram_sdp #(.WIDTH(WIDTH), .DEPTH(DEPTH)) u_ram (
        .i_clk(i_clk),
        .i_we(i_we), .i_waddr(i_waddr), .i_wdata(i_wdata),
        .i_re(i_re), .i_raddr(i_raddr), .o_rdata(o_rdata)
    );
endmodule

`default_nettype wire
