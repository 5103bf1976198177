// lc_ram_sdp.v : simple dual-port RAM, one write port and one registered read port
// Inferred block RAM (iCE40 EBR, ECP5 DP16KD/PDPW16KD) for every memory but the weights.
// Read data appears the cycle after i_re and holds until the next read.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_ram_sdp #(
    parameter integer WIDTH = 8,    // bits per word
    parameter integer DEPTH = 256   // words
) (
    input  wire                     i_clk,
    // write port
    input  wire                     i_we,
    input  wire [AW-1:0]            i_waddr,
    input  wire [WIDTH-1:0]         i_wdata,
    // read port, one cycle latency
    input  wire                     i_re,
    input  wire [AW-1:0]            i_raddr,
    output reg  [WIDTH-1:0]         o_rdata
);
    localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    reg [WIDTH-1:0] mem [0:DEPTH-1];

    always @(posedge i_clk) begin
        if (i_we)
            mem[i_waddr] <= i_wdata;
        if (i_re)
            o_rdata <= mem[i_raddr];
    end
endmodule

`default_nettype wire
