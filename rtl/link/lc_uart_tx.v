// lc_uart_tx.v : 8N1 UART transmitter
// Takes a byte when o_ready and i_valid; sends start bit, 8 data bits LSB first
// and a stop bit, CLKS_PER_BIT clocks each. Back-to-back bytes leave no gap.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_uart_tx #(
    parameter integer CLKS_PER_BIT = 4   // clock cycles per UART bit, >= 2
) (
    input  wire       i_clk,
    input  wire       i_rst,        // synchronous, active high
    // byte to send
    input  wire       i_valid,
    input  wire [7:0] i_data,
    output wire       o_ready,      // idle: a byte is accepted this cycle
    // serial line
    output reg        o_tx
);
    localparam integer CW   = (CLKS_PER_BIT > 1) ? $clog2(CLKS_PER_BIT) : 1;
    localparam integer LAST_I = CLKS_PER_BIT - 1;
    localparam [CW-1:0] LAST = LAST_I[CW-1:0];   // reload: one bit period

    initial if (CLKS_PER_BIT < 2) $error("lc_uart_tx: CLKS_PER_BIT must be >= 2");

    reg [8:0]    sh;      // data bits then stop bit, shifted out LSB first
    reg [CW-1:0] cnt;
    reg [3:0]    left;    // bits still to send after the current one

    assign o_ready = (left == 4'd0) && (cnt == 0);

    always @(posedge i_clk) begin
        if (i_rst) begin
            o_tx <= 1'b1;
            cnt  <= {CW{1'b0}};
            left <= 4'd0;
            sh   <= 9'h1FF;
        end else if (o_ready) begin
            if (i_valid) begin
                o_tx <= 1'b0;               // start bit
                sh   <= {1'b1, i_data};
                cnt  <= LAST;
                left <= 4'd9;
            end else begin
                o_tx <= 1'b1;
            end
        end else if (cnt != 0) begin
            cnt <= cnt - 1'b1;
        end else begin
            o_tx <= sh[0];
            sh   <= {1'b1, sh[8:1]};
            cnt  <= LAST;
            left <= left - 1'b1;
        end
    end
endmodule

`default_nettype wire
