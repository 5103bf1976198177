// lc_ram_sdp.v : simple dual-port RAM, one write port and one registered read port
// Inferred block RAM (iCE40 SB_RAM40_4K, ECP5 DP16KD) for every memory but the weights.
// Read data appears the cycle after i_re and holds until the next read. The core never
// reads a word in the cycle it writes it, so Yosys is told to skip the read-during-write
// bypass logic it would otherwise add (no_rw_check); simulation stops if that is broken.
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

    (* no_rw_check *)
    reg [WIDTH-1:0] mem [0:DEPTH-1];

    always @(posedge i_clk) begin
        if (i_we)
            mem[i_waddr] <= i_wdata;
        if (i_re)
            o_rdata <= mem[i_raddr];
    end

`ifndef SYNTHESIS
    // the promise above: never read and write one word in the same cycle
    always @(posedge i_clk) begin
        if (i_we && i_re && (i_waddr == i_raddr)) begin
            $display("lc_ram_sdp: read and write of word %0d in one cycle (%m)", i_raddr);
            $stop;
        end
    end
`endif
endmodule

`default_nettype wire
