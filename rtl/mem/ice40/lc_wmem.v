// lc_wmem.v : synapse weight memory, iCE40UP5K variant on the four SB_SPRAM256KA
// Two shapes, from the parameters: one bank of up to 4 SPRAMs side by side (16,384 x 64),
// or two banks of 2 side by side (32,768 x 32; the top address bit picks the bank).
// Single-ported: the core is built with COMPACT=1, never reads and writes in one cycle.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_wmem #(
    parameter integer WIDTH = 63,    // bits per word: at most 64, or 32 when DEPTH > 16384
    parameter integer DEPTH = 16384  // words: at most 16384, or 32768 when WIDTH <= 32
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
    localparam integer AW    = (DEPTH > 1) ? $clog2(DEPTH) : 1;
    localparam integer BANKS = (DEPTH > 16384) ? 2 : 1;            // banks of 16,384 words
    localparam integer COLS  = (WIDTH + 15) / 16;                  // 16-bit SPRAMs per bank
    localparam integer DW    = 16 * COLS;                          // bits per bank word

    initial begin
        if (WIDTH > 64)    $error("lc_wmem (UP5K): WIDTH must be <= 64");
        if (DEPTH > 32768) $error("lc_wmem (UP5K): DEPTH must be <= 32768");
        if (BANKS * COLS > 4)
            $error("lc_wmem (UP5K): more than 16384 words need WIDTH <= 32 (two banks of two SPRAMs)");
    end

    // the address of the cycle's access: the write's, else the read's; bit 14 is the bank
    wire [31:0] waddr = {{(32-AW){1'b0}}, i_waddr};
    wire [31:0] raddr = {{(32-AW){1'b0}}, i_raddr};
    wire [14:0] addr  = i_we ? waddr[14:0] : raddr[14:0];
    wire        bank  = (BANKS > 1) ? addr[14] : 1'b0;
    wire [79:0] wdata = {{(80-WIDTH){1'b0}}, i_wdata};            // zero-padded

    // the bank of the last read selects its data a cycle later (DATAOUT holds between reads)
    reg         rbank;
    always @(posedge i_clk)
        if (i_re) rbank <= bank;

    wire [BANKS*DW-1:0] rdata;                                      // bank b at [b*DW +: DW]

    genvar b, g;
    generate
        for (b = 0; b < BANKS; b = b + 1) begin : g_bank
            wire sel = (BANKS == 1) || (bank == (b != 0));
            for (g = 0; g < COLS; g = g + 1) begin : g_spram
                SB_SPRAM256KA u_spram (
                    .ADDRESS(addr[13:0]),
                    .DATAIN(wdata[g*16 +: 16]),
                    .MASKWREN(4'b1111),
                    .WREN(i_we),
                    .CHIPSELECT((i_we | i_re) & sel),
                    .CLOCK(i_clk),
                    .STANDBY(1'b0),
                    .SLEEP(1'b0),
                    .POWEROFF(1'b1),
                    .DATAOUT(rdata[b*DW + g*16 +: 16])
                );
            end
        end
    endgenerate

    wire [DW-1:0] rsel;
    generate
        if (BANKS > 1) begin : g_rsel2
            assign rsel = rbank ? rdata[DW +: DW] : rdata[0 +: DW];
        end else begin : g_rsel1
            assign rsel = rdata;
        end
    endgenerate
    assign o_rdata = rsel[WIDTH-1:0];

    wire unused = &{1'b0, rsel, rbank, wdata, waddr[31:15], raddr[31:15], addr[14]};

`ifndef SYNTHESIS
    // the promise above: a read and a write never share a cycle (the write would win)
    always @(posedge i_clk) begin
        if (i_we && i_re) begin
            $display("lc_wmem (UP5K): read and write in one cycle (%m)");
            $stop;
        end
    end
`endif
endmodule

`default_nettype wire
