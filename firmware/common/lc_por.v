// lc_por.v : power-on and button reset for the board tops
// Holds o_rst high from configuration until the clock is good (PLL locked) and then
// for 2^HOLD_W more cycles, and again whenever the button is pressed. iCE40 block RAM
// reads back zeros for a few microseconds after configuration and the core clears its
// memories right after reset, so the hold must outlast that window (4096 cycles is
// 85 us at 48 MHz, 340 us at 12 MHz). Registers start at their initial values.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_por #(
    parameter integer HOLD_W = 12   // hold 2^HOLD_W cycles after the clock is good
) (
    input  wire i_clk,
    input  wire i_clk_ok,           // PLL lock, or 1 without a PLL (asynchronous)
    input  wire i_btn,              // reset button, active high (asynchronous)
    output reg  o_rst = 1'b1        // synchronous, active high
);
    reg  [2:0]        sync = 3'b000;          // clock good and button released
    reg  [HOLD_W:0]   cnt  = {(HOLD_W + 1){1'b0}};

    always @(posedge i_clk) begin
        sync <= {sync[1:0], i_clk_ok & ~i_btn};
        if (!sync[2]) begin
            cnt   <= {(HOLD_W + 1){1'b0}};
            o_rst <= 1'b1;
        end else if (!cnt[HOLD_W]) begin
            cnt   <= cnt + 1'b1;
            o_rst <= 1'b1;
        end else begin
            o_rst <= 1'b0;
        end
    end
endmodule

`default_nettype wire
