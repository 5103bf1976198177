// lc_board.v : the whole device behind two UART pins: lc_uart_rx/tx + lc_link + lc_core
// The module every FPGA board top instantiates, and the model the Verilator simulation
// (sim/simboard.cpp) drives through its pins. Protocol: docs/protocol.md.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_board #(
    parameter integer N             = 64,        // neurons
    parameter integer M             = 32,        // input axons
    parameter integer P             = 4,         // synapses per weight word
    parameter integer COMPACT    = 0,         // 1: single-ported weight memory (SPRAM)
    parameter integer CLK_HZ        = 12000000,  // i_clk frequency, Hz
    parameter integer BAUD          = 3000000,   // UART bit rate, bit/s; CLK_HZ/BAUD >= 4, exact
    parameter integer RXB           = 512,       // link input buffer, bytes (power of 2)
    parameter integer TXB           = 512,       // link output buffer, bytes (power of 2)
    parameter integer RX_TIMEOUT_US = 2000,      // inter-byte timeout inside a frame, us
    parameter integer TX_HOLD_US    = 1000       // longest wait to fill an output frame, us
) (
    input  wire i_clk,
    input  wire i_rst,            // synchronous, active high
    // UART, 8N1, idle high
    input  wire i_uart_rx,
    output wire o_uart_tx,
    // LEDs, active high
    output wire o_led_activity,   // the core is busy (stepping, clearing)
    output wire o_led_error       // sticky: the link counted an error (cleared with the link counters)
);
    localparam integer CLKS_PER_BIT = CLK_HZ / BAUD;

    initial begin
        if (CLK_HZ % BAUD != 0) $error("lc_board: CLK_HZ must be a multiple of BAUD");
        if (CLKS_PER_BIT < 4)   $error("lc_board: at least 4 clocks per UART bit");
    end

    // UART
    wire       rx_valid, rx_ferr, tx_valid, tx_ready;
    wire [7:0] rx_data, tx_data;
    lc_uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (
        .i_clk(i_clk), .i_rst(i_rst), .i_rx(i_uart_rx),
        .o_valid(rx_valid), .o_data(rx_data), .o_frame_err(rx_ferr));
    lc_uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (
        .i_clk(i_clk), .i_rst(i_rst), .i_valid(tx_valid), .i_data(tx_data),
        .o_ready(tx_ready), .o_tx(o_uart_tx));

    // link <-> core
    wire        cfg_valid, cfg_write, cfg_ready, cfg_rvalid;
    wire [27:0] cfg_addr;
    wire [31:0] cfg_wdata, cfg_rdata;
    wire        in_valid, in_ready, step, busy, step_done, out_valid;
    wire [15:0] in_idx, out_idx;

    lc_link #(
        .N(N), .M(M), .P(P), .CLK_HZ(CLK_HZ), .BAUD(BAUD), .RXB(RXB), .TXB(TXB),
        .RX_TIMEOUT_US(RX_TIMEOUT_US), .TX_HOLD_US(TX_HOLD_US)
    ) u_link (
        .i_clk(i_clk), .i_rst(i_rst),
        .i_rx_valid(rx_valid), .i_rx_data(rx_data), .i_rx_ferr(rx_ferr),
        .o_tx_valid(tx_valid), .o_tx_data(tx_data), .i_tx_ready(tx_ready),
        .o_cfg_valid(cfg_valid), .o_cfg_write(cfg_write), .o_cfg_addr(cfg_addr),
        .o_cfg_wdata(cfg_wdata), .i_cfg_ready(cfg_ready), .i_cfg_rvalid(cfg_rvalid),
        .i_cfg_rdata(cfg_rdata),
        .o_in_valid(in_valid), .o_in_idx(in_idx), .i_in_ready(in_ready),
        .o_step(step), .i_step_done(step_done),
        .i_out_valid(out_valid), .i_out_idx(out_idx),
        .o_error(o_led_error));

    lc_core #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_core (
        .i_clk(i_clk), .i_rst(i_rst),
        .i_cfg_valid(cfg_valid), .i_cfg_write(cfg_write), .i_cfg_addr(cfg_addr),
        .i_cfg_wdata(cfg_wdata), .o_cfg_ready(cfg_ready), .o_cfg_rvalid(cfg_rvalid),
        .o_cfg_rdata(cfg_rdata),
        .i_in_valid(in_valid), .i_in_idx(in_idx), .o_in_ready(in_ready),
        .i_step(step), .o_busy(busy), .o_step_done(step_done),
        .o_out_valid(out_valid), .o_out_idx(out_idx));

    assign o_led_activity = busy;
endmodule

`default_nettype wire
