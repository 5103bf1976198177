// lc_wmem.v : synapse weight memory, iCE40UP5K variant on the four SB_SPRAM256KA
// The SPRAMs side by side give 16,384 words of 64 bits; single-ported, so the
// core is built with WMEM_1PORT=1 and never reads and writes in the same cycle.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_wmem #(
    parameter integer WIDTH = 63,    // bits per word, at most 64
    parameter integer DEPTH = 16384  // words, at most 16384
) (
    input  wire                     i_clk,
    // write port (never in the same cycle as a read)
    input  wire                     i_we,
    input  wire [AW-1:0]            i_waddr,
    input  wire [WIDTH-1:0]         i_wdata,
    // read port, one cycle latency
    input  wire                     i_re,
    input  wire [AW-1:0]            i_raddr,
    output wire [WIDTH-1:0]         o_rdata
);
    localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    initial begin
        if (WIDTH > 64)    $error("lc_wmem (UP5K): WIDTH must be <= 64");
        if (DEPTH > 16384) $error("lc_wmem (UP5K): DEPTH must be <= 16384");
    end

    wire [13:0] addr  = i_we ? {{(14-AW){1'b0}}, i_waddr} : {{(14-AW){1'b0}}, i_raddr};
    wire [63:0] wdata = {{(64-WIDTH){1'b0}}, i_wdata};
    wire [63:0] rdata;

    genvar g;
    generate
        for (g = 0; g < 4; g = g + 1) begin : g_spram
            SB_SPRAM256KA u_spram (
                .ADDRESS(addr),
                .DATAIN(wdata[g*16 +: 16]),
                .MASKWREN(4'b1111),
                .WREN(i_we),
                .CHIPSELECT(i_we | i_re),
                .CLOCK(i_clk),
                .STANDBY(1'b0),
                .SLEEP(1'b0),
                .POWEROFF(1'b1),
                .DATAOUT(rdata[g*16 +: 16])
            );
        end
    endgenerate

    assign o_rdata = rdata[WIDTH-1:0];

    wire unused = &{1'b0, rdata};
endmodule

`default_nettype wire
