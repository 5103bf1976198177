// lc_ram_lanes.v : simple dual-port RAM of LANES slices with a write enable per slice
// Inferred block RAM with per-bit write masks (iCE40 SB_RAM40_4K MASK, ECP5 byte
// enables or split memories). One write port writes i_wdata into the enabled slices of
// a word; one registered read port reads the whole word. No read-during-write bypass,
// as for lc_ram_sdp: the core never reads a word in the cycle it writes it.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_ram_lanes #(
    parameter integer LANES = 4,    // slices per word
    parameter integer LANEW = 24,   // bits per slice
    parameter integer DEPTH = 148   // words
) (
    input  wire                     i_clk,
    // write port: the same slice value into every enabled slice
    input  wire [LANES-1:0]         i_we,
    input  wire [AW-1:0]            i_waddr,
    input  wire [LANEW-1:0]         i_wdata,
    // read port, one cycle latency
    input  wire                     i_re,
    input  wire [AW-1:0]            i_raddr,
    output reg  [LANES*LANEW-1:0]   o_rdata
);
    localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    (* no_rw_check *)
    reg [LANES*LANEW-1:0] mem [0:DEPTH-1];

    integer l;
    always @(posedge i_clk) begin
        for (l = 0; l < LANES; l = l + 1)
            if (i_we[l])
                mem[i_waddr][l*LANEW +: LANEW] <= i_wdata;
        if (i_re)
            o_rdata <= mem[i_raddr];
    end

`ifndef SYNTHESIS
    always @(posedge i_clk) begin
        if ((|i_we) && i_re && (i_waddr == i_raddr)) begin
            $display("lc_ram_lanes: read and write of word %0d in one cycle (%m)", i_raddr);
            $stop;
        end
    end
`endif
endmodule

`default_nettype wire
