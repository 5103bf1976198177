// lc_top_ulx3s.v : lifcore on the ULX3S (ECP5 LFE5U-12F/25F/45F/85F, CABGA381)
// 25 MHz oscillator -> EHXPLLL (CLK_MHZ, a multiple of 3 MHz so 3 Mbaud divides
// exactly) -> lc_board (UART link + core); power-on reset; UART on the FT231X.
// LEDs: 0 stepping, 1 error, 7 out of reset. FIRE1 (btn[1]) resets.
// Build with -DLC_NO_PLL for simulation: the system clock is then the pin clock.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_top_ulx3s #(
    parameter integer N          = 1024,     // neurons
    parameter integer M          = 256,      // input axons
    parameter integer P          = 8,        // synapses per weight word
    parameter integer CLK_MHZ    = 48,       // system clock: 24, 27, 30, 45, 48, 60 or 75 MHz
    parameter integer BAUD       = 3000000,  // UART bit rate, bit/s
    parameter integer POR_W      = 12        // reset held 2^POR_W cycles after lock
) (
    input  wire       clk_25mhz,
    input  wire [6:0] btn,          // btn[1] = FIRE1, active high: reset
    input  wire       ftdi_txd,     // from the FT231X (FPGA receives)
    output wire       ftdi_rxd,     // to the FT231X
    output wire [7:0] led,          // active high
    output wire       wifi_gpio0    // held high: keeps the ESP32 from taking the board
);
    localparam integer CLK_HZ = CLK_MHZ * 1000000;
    initial begin
        if (CLK_MHZ != 24 && CLK_MHZ != 27 && CLK_MHZ != 30 && CLK_MHZ != 45 &&
            CLK_MHZ != 48 && CLK_MHZ != 60 && CLK_MHZ != 75)
            $error("lc_top_ulx3s: CLK_MHZ must be 24, 27, 30, 45, 48, 60 or 75");
        if (CLK_HZ % BAUD != 0) $error("lc_top_ulx3s: CLK_HZ must be a multiple of BAUD");
    end

    wire clk, clk_ok;
`ifdef LC_NO_PLL
    assign clk    = clk_25mhz;
    assign clk_ok = 1'b1;
`else
    // EHXPLLL: VCO = 25 MHz / CLKI_DIV * CLKFB_DIV * CLKOP_DIV (400..800 MHz), feedback
    // from CLKOP; the system clock is CLKOS = VCO / CLKOS_DIV; PFD >= 3.125 MHz.
    //   MHz  CLKI_DIV CLKFB_DIV CLKOP_DIV CLKOS_DIV  VCO
    //   24      5        12        10        25      600
    //   27      5         9        12        20      540
    //   30      5         6        20        20      600
    //   45      5         9        13        13      585
    //   48      5         8        12        10      480
    //   60      5        12        10        10      600
    //   75      1         3         8         8      600
    localparam integer CLKI_DIV  = (CLK_MHZ == 75) ? 1 : 5;
    localparam integer CLKFB_DIV = (CLK_MHZ == 24) ? 12 : (CLK_MHZ == 27) ? 9 :
                                   (CLK_MHZ == 30) ? 6  : (CLK_MHZ == 45) ? 9 :
                                   (CLK_MHZ == 48) ? 8  : (CLK_MHZ == 60) ? 12 : 3;
    localparam integer CLKOP_DIV = (CLK_MHZ == 24) ? 10 : (CLK_MHZ == 27) ? 12 :
                                   (CLK_MHZ == 30) ? 20 : (CLK_MHZ == 45) ? 13 :
                                   (CLK_MHZ == 48) ? 12 : (CLK_MHZ == 60) ? 10 : 8;
    localparam integer CLKOS_DIV = (CLK_MHZ == 24) ? 25 : (CLK_MHZ == 27) ? 20 :
                                   (CLK_MHZ == 48) ? 10 : CLKOP_DIV;
    wire clkop;
    (* FREQUENCY_PIN_CLKI = "25", ICP_CURRENT = "12", LPF_RESISTOR = "8",
       MFG_ENABLE_FILTEROPAMP = "1", MFG_GMCREF_SEL = "2" *)
    EHXPLLL #(
        .PLLRST_ENA("DISABLED"), .INTFB_WAKE("DISABLED"), .STDBY_ENABLE("DISABLED"),
        .DPHASE_SOURCE("DISABLED"), .OUTDIVIDER_MUXA("DIVA"), .OUTDIVIDER_MUXB("DIVB"),
        .CLKOP_ENABLE("ENABLED"), .CLKOS_ENABLE("ENABLED"),
        .CLKI_DIV(CLKI_DIV), .CLKFB_DIV(CLKFB_DIV),
        .CLKOP_DIV(CLKOP_DIV), .CLKOP_CPHASE(CLKOP_DIV - 1), .CLKOP_FPHASE(0),
        .CLKOS_DIV(CLKOS_DIV), .CLKOS_CPHASE(CLKOS_DIV - 1), .CLKOS_FPHASE(0),
        .FEEDBK_PATH("CLKOP")
    ) u_pll (
        .CLKI(clk_25mhz), .CLKFB(clkop), .CLKOP(clkop), .CLKOS(clk), .LOCK(clk_ok),
        .RST(1'b0), .STDBY(1'b0), .PHASESEL0(1'b0), .PHASESEL1(1'b0), .PHASEDIR(1'b0),
        .PHASESTEP(1'b0), .PHASELOADREG(1'b0), .PLLWAKESYNC(1'b0),
        .ENCLKOP(1'b0), .ENCLKOS(1'b0), .ENCLKOS2(1'b0), .ENCLKOS3(1'b0)
    );
`endif

    wire rst;
    lc_por #(.HOLD_W(POR_W)) u_por (.i_clk(clk), .i_clk_ok(clk_ok), .i_btn(btn[1]), .o_rst(rst));

    wire act, err;
    lc_board #(.N(N), .M(M), .P(P), .COMPACT(0), .CLK_HZ(CLK_HZ), .BAUD(BAUD)) u_board (
        .i_clk(clk), .i_rst(rst), .i_uart_rx(ftdi_txd), .o_uart_tx(ftdi_rxd),
        .o_led_activity(act), .o_led_error(err));

    assign led        = {~rst, 5'd0, err, act};
    assign wifi_gpio0 = 1'b1;

    wire unused = &{1'b0, btn[6:2], btn[0]};
endmodule

`default_nettype wire
