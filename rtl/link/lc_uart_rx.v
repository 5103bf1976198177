// lc_uart_rx.v : 8N1 UART receiver, mid-bit sampling behind a 2-flop synchroniser
// Finds the falling edge of a start bit, samples every bit CLKS_PER_BIT/2 clocks
// after its start (as seen through the synchroniser), works down to 4 clocks per bit.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_uart_rx #(
    parameter integer CLKS_PER_BIT = 4   // clock cycles per UART bit, >= 4
) (
    input  wire       i_clk,
    input  wire       i_rst,        // synchronous, active high
    // serial line (asynchronous)
    input  wire       i_rx,
    // received bytes: one-cycle pulses
    output reg        o_valid,      // o_data holds a byte with a good stop bit
    output wire [7:0] o_data,       // holds until the next byte's first data bit (1.5 bit times at least)
    output reg        o_frame_err   // a byte ended with a 0 stop bit (discarded)
);
    localparam integer CW   = $clog2(CLKS_PER_BIT);
    localparam integer HALF = CLKS_PER_BIT / 2;
    localparam integer LAST_I = CLKS_PER_BIT - 1;
    localparam integer MID_I  = HALF - 1;
    localparam [CW-1:0] LAST = LAST_I[CW-1:0];   // reload: one bit period
    localparam [CW-1:0] MID  = MID_I[CW-1:0];    // edge to the middle of the start bit

    initial if (CLKS_PER_BIT < 4) $error("lc_uart_rx: CLKS_PER_BIT must be >= 4");

    // 2-flop synchroniser, idle high, plus the previous synchronised value
    reg [2:0] sync;
    always @(posedge i_clk) begin
        if (i_rst) sync <= 3'b111;
        else       sync <= {sync[1:0], i_rx};
    end
    wire rx   = sync[1];
    wire fall = sync[2] & ~sync[1];

    reg          busy;
    reg [CW-1:0] cnt;     // clocks until the next sample
    reg [3:0]    bitn;    // 0 start, 1..8 data, 9 stop
    reg [7:0]    sh;      // also the received byte: it only moves at the next byte's data bits
    assign o_data = sh;

    always @(posedge i_clk) begin
        o_valid     <= 1'b0;
        o_frame_err <= 1'b0;
        if (i_rst) begin
            busy <= 1'b0;
            cnt  <= {CW{1'b0}};
            bitn <= 4'd0;
        end else if (!busy) begin
            if (fall) begin
                busy <= 1'b1;
                cnt  <= MID;           // first sample HALF clocks after the edge
                bitn <= 4'd0;
            end
        end else if (cnt != 0) begin
            cnt <= cnt - 1'b1;
        end else begin
            cnt <= LAST;
            case (bitn)
                4'd0: begin
                    if (rx) busy <= 1'b0;   // glitch, not a start bit
                    bitn <= 4'd1;
                end
                4'd9: begin
                    busy <= 1'b0;
                    if (rx) begin
                        o_valid <= 1'b1;
                    end else begin
                        o_frame_err <= 1'b1;
                    end
                end
                default: begin
                    sh   <= {rx, sh[7:1]};
                    bitn <= bitn + 1'b1;
                end
            endcase
        end
    end
endmodule

`default_nettype wire
