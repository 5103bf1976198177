// tb_wmem.v : four shapes of the iCE40 weight memory (rtl/mem/ice40/lc_wmem.v) for tb_wmem.cpp
// Shared stimulus, each instance at the address modulo its depth: the board's two banks
// (27 x 32,336 and 32 x 32,768), the one-bank 63 x 16,384 and a small 27 x 2,112.
// SPDX-License-Identifier: MIT
`default_nettype none

module tb_wmem (
    input  wire         i_clk,
    input  wire         i_we,
    input  wire         i_re,
    input  wire [14:0]  i_addr,     // write address when i_we, else read address
    input  wire [63:0]  i_wdata,
    output wire [26:0]  o_rdata_a,  // 27 x 32,336 (N=256 M=120 P=3)
    output wire [31:0]  o_rdata_b,  // 32 x 32,768
    output wire [62:0]  o_rdata_c,  // 63 x 16,384
    output wire [26:0]  o_rdata_d   // 27 x 2,112 (N=64 M=32 P=3)
);
    localparam integer DA = 32336, DB = 32768, DC = 16384, DD = 2112;

    wire [14:0] addr_a = i_addr % DA[14:0];
    wire [14:0] addr_b = i_addr;
    wire [13:0] addr_c = i_addr[13:0];
    wire [11:0] addr_d = 12'(i_addr % DD[14:0]);

    lc_wmem #(.WIDTH(27), .DEPTH(DA)) u_a (
        .i_clk(i_clk), .i_we(i_we), .i_waddr(addr_a), .i_wdata(i_wdata[26:0]),
        .i_re(i_re), .i_raddr(addr_a), .o_rdata(o_rdata_a));
    lc_wmem #(.WIDTH(32), .DEPTH(DB)) u_b (
        .i_clk(i_clk), .i_we(i_we), .i_waddr(addr_b), .i_wdata(i_wdata[31:0]),
        .i_re(i_re), .i_raddr(addr_b), .o_rdata(o_rdata_b));
    lc_wmem #(.WIDTH(63), .DEPTH(DC)) u_c (
        .i_clk(i_clk), .i_we(i_we), .i_waddr(addr_c), .i_wdata(i_wdata[62:0]),
        .i_re(i_re), .i_raddr(addr_c), .o_rdata(o_rdata_c));
    lc_wmem #(.WIDTH(27), .DEPTH(DD)) u_d (
        .i_clk(i_clk), .i_we(i_we), .i_waddr(addr_d), .i_wdata(i_wdata[26:0]),
        .i_re(i_re), .i_raddr(addr_d), .o_rdata(o_rdata_d));

    wire unused = &{1'b0, i_wdata[63], i_addr[14]};
endmodule

`default_nettype wire
