// lc_formal_uart.v : proof harness, lc_uart_tx looped into lc_uart_rx (yosys-smtbmc)
// The solver chooses when bytes are offered and their values. Proven: no framing error,
// every byte the transmitter took arrives once, unchanged, in order, within a bound.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_formal_uart #(
    parameter integer CPB = 4   // clock cycles per UART bit, both ends
) (
    input wire       clk,
    // what the solver offers the transmitter
    input wire       i_valid,
    input wire [7:0] i_data
);
    localparam integer LAT = 10 * CPB + 4;   // accept -> o_valid, cycles (bound to prove)

    reg init = 1'b1;
    always @(posedge clk) init <= 1'b0;
    wire rst = init;

    wire ready, line, v, fe;
    wire [7:0] d;
    lc_uart_tx #(.CLKS_PER_BIT(CPB)) u_tx (
        .i_clk(clk), .i_rst(rst), .i_valid(i_valid), .i_data(i_data), .o_ready(ready), .o_tx(line));
    lc_uart_rx #(.CLKS_PER_BIT(CPB)) u_rx (
        .i_clk(clk), .i_rst(rst), .i_rx(line), .o_valid(v), .o_data(d), .o_frame_err(fe));

    // shadow queue of the bytes taken and not yet received, with the age of the oldest
    wire take = ready && i_valid && !rst;
    reg [7:0] q0, q1;
    reg [1:0] n;
    reg [7:0] age0, age1;
    always @(posedge clk) begin
        if (rst) begin
            n <= 2'd0;
            age0 <= 8'd0;
            age1 <= 8'd0;
        end else begin
            age0 <= age0 + 1'b1;
            age1 <= age1 + 1'b1;
            case ({take, v})
                2'b10: begin
                    if (n == 2'd0) begin q0 <= i_data; age0 <= 8'd1; end
                    else           begin q1 <= i_data; age1 <= 8'd1; end
                    n <= n + 1'b1;
                end
                2'b01: begin
                    q0 <= q1;
                    age0 <= age1 + 1'b1;
                    n <= n - 1'b1;
                end
                2'b11: begin
                    if (n == 2'd1) begin q0 <= i_data; age0 <= 8'd1; end
                    else           begin q0 <= q1; age0 <= age1 + 1'b1; q1 <= i_data; age1 <= 8'd1; end
                end
                default: ;
            endcase
        end
    end

    always @(*) begin
        if (!init) begin
            assert (!fe);                        // the receiver never sees a bad stop bit
            if (v) assert (n != 2'd0);           // nothing arrives that was not sent
            if (v) assert (d == q0);             // it arrives unchanged and in order
            assert (n <= 2'd2);                  // at most one byte in flight behind another
            if (n != 2'd0) assert (age0 <= LAT); // and none is lost or late
        end
    end
endmodule

`default_nettype wire
