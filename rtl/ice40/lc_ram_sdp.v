// lc_ram_sdp.v : simple dual-port RAM, iCE40 variant (SB_RAM40_4K without bypass logic)
// Same ports and timing as rtl/lc_ram_sdp.v. The generic file asks for read-old-data
// when a cycle reads the address it writes; iCE40 block RAM cannot do that, so Yosys
// delays every write and adds a bypass (about 1 LUT and 2 FFs per data bit). The core
// never reads a word in the cycle it writes it, so this variant tells Yosys to skip
// the check; simulation stops if that promise is ever broken.
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
            $display("lc_ram_sdp (iCE40): read and write of word %0d in one cycle (%m)",
                     i_raddr);
            $stop;
        end
    end
`endif
endmodule

`default_nettype wire
