// lc_top_icebreaker.v : lifcore on the iCEBreaker (iCE40UP5K-SG48)
// 12 MHz oscillator -> PLL (CLK_MHZ) -> lc_board (UART link + core); power-on reset;
// UART on FT2232H channel B (3 Mbaud); green LED: stepping, red LED: error.
// Build with -DLC_NO_PLL for simulation: the system clock is then the pin clock.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_top_icebreaker #(
    parameter integer N          = 256,      // neurons
    parameter integer M          = 120,      // input axons ((N + M) x 86 words fit 32,768)
    parameter integer P          = 3,        // synapses per weight word (3 x 9 = 27 of 32 bits)
    parameter integer CLK_MHZ    = 12,       // system clock: 12 (no PLL), 24, 36 or 48 MHz
    parameter integer BAUD       = 3000000,  // UART bit rate, bit/s
    parameter integer RXB        = 256,      // link input buffer, bytes (RXB = TXB = 256: one EBR)
    parameter integer TXB        = 256,      // link output buffer, bytes
    parameter integer POR_W      = 12        // reset held 2^POR_W cycles after lock
) (
    input  wire CLK,      // 12 MHz oscillator, pin 35
    input  wire BTN_N,    // user button, active low: reset
    input  wire RX,       // from the FTDI (FPGA receives)
    output wire TX,       // to the FTDI
    output wire LEDG_N,   // green, active low: a step is running
    output wire LEDR_N    // red, active low: error
);
    localparam integer CLK_HZ = CLK_MHZ * 1000000;

    initial begin
        if (CLK_MHZ != 12 && CLK_MHZ != 24 && CLK_MHZ != 36 && CLK_MHZ != 48)
            $error("lc_top_icebreaker: CLK_MHZ must be 12, 24, 36 or 48");
        if (CLK_HZ % BAUD != 0) $error("lc_top_icebreaker: CLK_HZ must be a multiple of BAUD");
    end

    wire clk, clk_ok;
`ifdef LC_NO_PLL
    assign clk    = CLK;
    assign clk_ok = 1'b1;
`else
    // PLL settings: F = 12 MHz * (DIVF + 1) / 2^DIVQ, VCO 768 or 576 MHz (533..1066)
    localparam [6:0] DIVF = (CLK_MHZ == 36) ? 7'd47 : 7'd63;
    localparam [2:0] DIVQ = (CLK_MHZ == 24) ? 3'd5 : 3'd4;
    generate
        if (CLK_MHZ == 12) begin : g_nopll
            assign clk    = CLK;
            assign clk_ok = 1'b1;
        end else begin : g_pll
            SB_PLL40_PAD #(
                .FEEDBACK_PATH("SIMPLE"),
                .DIVR(4'd0), .DIVF(DIVF), .DIVQ(DIVQ),
                .FILTER_RANGE(3'd1)
            ) u_pll (
                .PACKAGEPIN(CLK), .PLLOUTGLOBAL(clk), .LOCK(clk_ok),
                .RESETB(1'b1), .BYPASS(1'b0)
            );
        end
    endgenerate
`endif

    wire rst;
    lc_por #(.HOLD_W(POR_W)) u_por (.i_clk(clk), .i_clk_ok(clk_ok), .i_btn(~BTN_N), .o_rst(rst));

    wire act, err;
    lc_board #(.N(N), .M(M), .P(P), .COMPACT(1), .CLK_HZ(CLK_HZ), .BAUD(BAUD),
               .RXB(RXB), .TXB(TXB)) u_board (
        .i_clk(clk), .i_rst(rst), .i_uart_rx(RX), .o_uart_tx(TX),
        .o_led_activity(act), .o_led_error(err));

    assign LEDG_N = ~act;
    assign LEDR_N = ~err;
endmodule

`default_nettype wire
