// lc_board.v : the whole device behind two UART pins: lc_uart_rx/tx + lc_link + lc_core
// The module every FPGA board top instantiates, and the model the Verilator simulation
// (sim/simboard.cpp) drives through its pins. Protocol: docs/protocol.md. CORES > 1: a
// system of cores (rtl/system/lc_system) in place of the core.
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
    parameter integer TX_HOLD_US    = 1000,      // longest wait to fill an output frame, us
    parameter integer CORES         = 1,         // 1: one lc_core; 2..15: lc_system of CORES cores
    parameter integer D             = 16,        // CORES > 1: largest route delay, steps (2..256)
    parameter integer ROUTES        = 256        // CORES > 1: routing-table entries
) (
    input  wire i_clk,
    input  wire i_rst,            // synchronous, active high
    // UART, 8N1, idle high
    input  wire i_uart_rx,
    output wire o_uart_tx,
    // LEDs, active high
    output wire o_led_activity,   // the core (system) is busy (stepping, clearing)
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

    // link <-> core (or system)
    wire        cfg_valid, cfg_write, cfg_ready, cfg_rvalid;
    wire [27:0] cfg_addr;
    wire [3:0]  cfg_tgt;
    wire [31:0] cfg_wdata, cfg_rdata;
    wire        in_valid, in_ready, step, busy, step_done, out_valid;
    wire [15:0] in_idx, out_idx;

    lc_link #(
        .N(N), .M(M), .P(P), .CLK_HZ(CLK_HZ), .BAUD(BAUD), .RXB(RXB), .TXB(TXB),
        .RX_TIMEOUT_US(RX_TIMEOUT_US), .TX_HOLD_US(TX_HOLD_US),
        .CORES(CORES), .D(CORES > 1 ? D : 0), .ROUTES(CORES > 1 ? ROUTES : 0)
    ) u_link (
        .i_clk(i_clk), .i_rst(i_rst),
        .i_rx_valid(rx_valid), .i_rx_data(rx_data), .i_rx_ferr(rx_ferr),
        .o_tx_valid(tx_valid), .o_tx_data(tx_data), .i_tx_ready(tx_ready),
        .o_cfg_valid(cfg_valid), .o_cfg_write(cfg_write), .o_cfg_addr(cfg_addr),
        .o_cfg_tgt(cfg_tgt), .o_cfg_wdata(cfg_wdata), .i_cfg_ready(cfg_ready),
        .i_cfg_rvalid(cfg_rvalid), .i_cfg_rdata(cfg_rdata),
        .o_in_valid(in_valid), .o_in_idx(in_idx), .i_in_ready(in_ready),
        .o_step(step), .i_step_done(step_done),
        .i_out_valid(out_valid), .i_out_idx(out_idx),
        .o_error(o_led_error));

    generate
        if (CORES == 1) begin : g_core
            // one core: exactly the design of a one-core board (no router, no adapter)
            lc_core #(.N(N), .M(M), .P(P), .COMPACT(COMPACT)) u_core (
                .i_clk(i_clk), .i_rst(i_rst),
                .i_cfg_valid(cfg_valid), .i_cfg_write(cfg_write), .i_cfg_addr(cfg_addr),
                .i_cfg_wdata(cfg_wdata), .o_cfg_ready(cfg_ready), .o_cfg_rvalid(cfg_rvalid),
                .o_cfg_rdata(cfg_rdata),
                .i_in_valid(in_valid), .i_in_idx(in_idx), .o_in_ready(in_ready),
                .i_step(step), .o_busy(busy), .o_step_done(step_done),
                .o_out_valid(out_valid), .o_out_idx(out_idx));
            wire unused_tgt = &{1'b0, cfg_tgt};
        end else begin : g_sys
            // a system: the link's spike indices are {core, axon} and {core, neuron} with
            // clog2(M) and clog2(N) low bits; the target is addr[31:28] (docs/protocol.md)
            localparam integer NW = (N > 1) ? $clog2(N) : 1;
            localparam integer MW = (M > 1) ? $clog2(M) : 1;
            localparam integer CW = $clog2(CORES);
            localparam integer TW = $clog2(CORES + 1);
            wire          s_cfg_ready, s_busy, s_out_valid;
            wire [CW-1:0] s_out_core;
            wire [15:0]   s_out_idx;
            // an index whose bits above {core, axon} are set names no core: dropped
            wire          in_ok = (in_idx >> (MW + CW)) == 16'd0;
            wire          s_in_ready;
            lc_system #(.C(CORES), .N(N), .M(M), .P(P), .COMPACT(COMPACT), .D(D),
                        .ROUTES(ROUTES)) u_sys (
                .i_clk(i_clk), .i_rst(i_rst),
                .i_cfg_valid(cfg_valid), .i_cfg_write(cfg_write),
                .i_cfg_addr({cfg_tgt[TW-1:0], cfg_addr}), .i_cfg_wdata(cfg_wdata),
                .o_cfg_ready(s_cfg_ready), .o_cfg_rvalid(cfg_rvalid), .o_cfg_rdata(cfg_rdata),
                .i_in_valid(in_valid && in_ok), .i_in_core(in_idx[MW +: CW]),
                .i_in_idx({{(16 - MW){1'b0}}, in_idx[MW-1:0]}), .o_in_ready(s_in_ready),
                .i_step(step), .o_busy(s_busy), .o_step_done(step_done),
                .o_out_valid(s_out_valid), .o_out_core(s_out_core), .o_out_idx(s_out_idx));
            // the link starts a step when the configuration port is ready: the system
            // takes i_step only when it is not busy (the router may be clearing)
            assign cfg_ready = s_cfg_ready && !s_busy;
            assign in_ready  = in_ok ? s_in_ready : 1'b1;
            assign busy      = s_busy;
            assign out_valid = s_out_valid;
            wire [CW+NW-1:0] g_idx = {s_out_core, s_out_idx[NW-1:0]};
            assign out_idx   = {{(16 - CW - NW){1'b0}}, g_idx};
            wire unused_sys = &{1'b0, cfg_tgt, s_out_idx};
        end
    endgenerate

    assign o_led_activity = busy;
endmodule

`default_nettype wire
