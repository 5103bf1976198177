// lc_formal_link.v : proof harness for lc_link's stream buffers and flow control
// The solver plays the host (any bytes, framing errors), the core (any handshakes) and
// the buffer RAM (any data read: the proof does not depend on what the buffers hold).
// The one assumption is the UART's: bytes arrive at least one byte time apart.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_formal_link #(
    parameter integer GAP = 40   // clocks between received bytes, at least (12 MHz, 3 Mbaud)
) (
    input wire        clk,
    // the host's side, through the UART receiver
    input wire        i_rx_valid,
    input wire [7:0]  i_rx_data,
    input wire        i_rx_ferr,
    input wire        i_tx_ready,
    // the core's side
    input wire        i_cfg_ready,
    input wire        i_cfg_rvalid,
    input wire [31:0] i_cfg_rdata,
    input wire        i_in_ready,
    input wire        i_step_done,
    input wire        i_out_valid,
    input wire [15:0] i_out_idx
);
    reg init = 1'b1;
    always @(posedge clk) init <= 1'b0;

    // the UART receiver's pace
    reg [6:0] gap = 7'd0;
    always @(posedge clk) gap <= (i_rx_valid || i_rx_ferr) ? 7'd1 : ((gap == 7'd127) ? gap : gap + 1'b1);
    always @(*) if ((i_rx_valid || i_rx_ferr) && !init) assume (gap >= GAP);
    always @(*) assume (!(i_rx_valid && i_rx_ferr));

    wire        tx_valid, cfg_valid, cfg_write, in_valid, step, err;
    wire [7:0]  tx_data;
    wire [27:0] cfg_addr;
    wire [3:0]  cfg_tgt;
    wire [31:0] cfg_wdata;
    wire [15:0] in_idx;
    // short timers (48 clocks) and 8-bit counters: the buffers' logic is the same, the
    // solver reaches timeouts in fewer cycles
    lc_link #(.N(8), .M(8), .P(4), .RXB(256), .TXB(256), .RX_TIMEOUT_US(4), .TX_HOLD_US(4),
              .LCNT_W(8)) u_link (
        .i_clk(clk), .i_rst(init),
        .i_rx_valid(i_rx_valid), .i_rx_data(i_rx_data), .i_rx_ferr(i_rx_ferr),
        .o_tx_valid(tx_valid), .o_tx_data(tx_data), .i_tx_ready(i_tx_ready),
        .o_cfg_valid(cfg_valid), .o_cfg_write(cfg_write), .o_cfg_addr(cfg_addr),
        .o_cfg_tgt(cfg_tgt), .o_cfg_wdata(cfg_wdata), .i_cfg_ready(i_cfg_ready),
        .i_cfg_rvalid(i_cfg_rvalid), .i_cfg_rdata(i_cfg_rdata),
        .o_in_valid(in_valid), .o_in_idx(in_idx), .i_in_ready(i_in_ready),
        .o_step(step), .i_step_done(i_step_done),
        .i_out_valid(i_out_valid), .i_out_idx(i_out_idx), .o_error(err));
endmodule

`default_nettype wire
