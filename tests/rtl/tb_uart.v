// tb_uart.v : test harness for lc_uart_rx and lc_uart_tx (tests/rtl/test_uart.cpp)
// The two modules side by side with independent pins, at one CLKS_PER_BIT.
// Not part of the design.
// SPDX-License-Identifier: MIT
`default_nettype none

module tb_uart #(
    parameter integer CLKS_PER_BIT = 4   // clock cycles per UART bit
) (
    input  wire       i_clk,
    input  wire       i_rst,
    // receiver
    input  wire       i_rx,
    output wire       o_rx_valid,
    output wire [7:0] o_rx_data,
    output wire       o_rx_ferr,
    // transmitter
    input  wire       i_tx_valid,
    input  wire [7:0] i_tx_data,
    output wire       o_tx_ready,
    output wire       o_tx
);
    lc_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (
        .i_clk(i_clk), .i_rst(i_rst), .i_rx(i_rx),
        .o_valid(o_rx_valid), .o_data(o_rx_data), .o_frame_err(o_rx_ferr));
    lc_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (
        .i_clk(i_clk), .i_rst(i_rst), .i_valid(i_tx_valid), .i_data(i_tx_data),
        .o_ready(o_tx_ready), .o_tx(o_tx));
endmodule

`default_nettype wire
