// lc_simtop_ulx3s.v : the ULX3S top level as the simulated board (no PLL)
// Presents lc_top_ulx3s, built with LC_NO_PLL and the ECP5 memory variants, with the
// ports of lc_board so sim/simboard.cpp drives the exact design that is flashed.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_simtop_ulx3s #(
    parameter integer N             = 256,       // neurons
    parameter integer M             = 64,        // input axons
    parameter integer P             = 8,         // synapses per weight word
    parameter integer COMPACT    = 0,         // must be 0: ECP5 block RAM is dual-ported
    parameter integer CLK_HZ        = 24000000,  // pin clock = system clock without the PLL
    parameter integer BAUD          = 3000000,   // UART bit rate, bit/s
    parameter integer RXB           = 512,       // link buffers: the top uses lc_board's defaults
    parameter integer TXB           = 512,
    parameter integer RX_TIMEOUT_US = 2000
) (
    input  wire i_clk,
    input  wire i_rst,           // drives FIRE1
    input  wire i_uart_rx,       // FT231X TXD
    output wire o_uart_tx,       // FT231X RXD
    output wire o_led_activity,
    output wire o_led_error
);
    initial begin
        if (COMPACT != 0) $error("lc_simtop_ulx3s: COMPACT must be 0");
        if (RXB != 512 || TXB != 512 || RX_TIMEOUT_US != 2000)
            $error("lc_simtop_ulx3s: the board top uses the default link buffers");
    end

    wire [7:0] led;
    wire       wifi;
    lc_top_ulx3s #(.N(N), .M(M), .P(P), .CLK_MHZ(CLK_HZ / 1000000), .BAUD(BAUD), .POR_W(4)) u_top (
        .clk_25mhz(i_clk), .btn({5'd0, i_rst, 1'b0}), .ftdi_txd(i_uart_rx), .ftdi_rxd(o_uart_tx),
        .led(led), .wifi_gpio0(wifi));

    assign o_led_activity = led[0];
    assign o_led_error    = led[1];

    wire unused = &{1'b0, led[7:2], wifi};
endmodule

`default_nettype wire
