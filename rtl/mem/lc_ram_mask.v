// lc_ram_mask.v : simple dual-port RAM whose write port takes a per-bit write mask
// Inferred block RAM with bit-masked writes (iCE40 SB_RAM40_4K MASK): the compact core
// writes one field of a word without reading it first. One registered read port. No
// read-during-write bypass, as for lc_ram_sdp: a word is never read in the cycle it
// is written (simulation stops if it is).
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_ram_mask #(
    parameter integer WIDTH = 16,   // bits per word
    parameter integer DEPTH = 256   // words
) (
    input  wire                     i_clk,
    // write port: bits of i_wdata where i_wmask is 1
    input  wire                     i_we,
    input  wire [WIDTH-1:0]         i_wmask,
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

    // one write process per bit (Yosys merges them into one masked write port)
    genvar b;
    generate
        for (b = 0; b < WIDTH; b = b + 1) begin : g_bit
            always @(posedge i_clk)
                if (i_we && i_wmask[b])
                    mem[i_waddr][b] <= i_wdata[b];
        end
    endgenerate

    always @(posedge i_clk)
        if (i_re)
            o_rdata <= mem[i_raddr];

`ifndef SYNTHESIS
    always @(posedge i_clk) begin
        if (i_we && i_re && (i_waddr == i_raddr)) begin
            $display("lc_ram_mask: read and write of word %0d in one cycle (%m)", i_raddr);
            $stop;
        end
    end
`endif
endmodule

`default_nettype wire
