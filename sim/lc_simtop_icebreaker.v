// lc_simtop_icebreaker.v : the iCEBreaker top level as the simulated board (no PLL)
// Presents lc_top_icebreaker, built with LC_NO_PLL, the iCE40 memory variants (the
// SPRAMs, through sim/models/SB_SPRAM256KA.v) and its power-on reset, with the ports of
// lc_board, so sim/simboard.cpp drives the exact design that is flashed.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_simtop_icebreaker #(
    parameter integer N             = 256,       // neurons
    parameter integer M             = 120,       // input axons (the top's defaults)
    parameter integer P             = 3,         // synapses per weight word
    parameter integer COMPACT    = 1,         // must be 1: the SPRAM is single-ported
    parameter integer CLK_HZ        = 12000000,  // pin clock = system clock without the PLL
    parameter integer BAUD          = 3000000,   // UART bit rate, bit/s
    parameter integer RXB           = 256,       // link buffers, bytes (the top's defaults)
    parameter integer TXB           = 256,
    parameter integer RX_TIMEOUT_US = 2000
) (
    input  wire i_clk,
    input  wire i_rst,           // drives BTN_N (active low on the board)
    input  wire i_uart_rx,       // FT2232H channel B TXD
    output wire o_uart_tx,       // FT2232H channel B RXD
    output wire o_led_activity,
    output wire o_led_error
);
    initial begin
        if (COMPACT != 1) $error("lc_simtop_icebreaker: COMPACT must be 1");
        if (RX_TIMEOUT_US != 2000)
            $error("lc_simtop_icebreaker: the board top uses the default link timeout");
    end

    wire ledg_n, ledr_n;
    lc_top_icebreaker #(.N(N), .M(M), .P(P), .CLK_MHZ(CLK_HZ / 1000000), .BAUD(BAUD),
                        .RXB(RXB), .TXB(TXB), .POR_W(4)) u_top (
        .CLK(i_clk), .BTN_N(~i_rst), .RX(i_uart_rx), .TX(o_uart_tx),
        .LEDG_N(ledg_n), .LEDR_N(ledr_n));

    assign o_led_activity = ~ledg_n;
    assign o_led_error    = ~ledr_n;
endmodule

`default_nettype wire
