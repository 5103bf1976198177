// SB_SPRAM256KA.v : simulation model of the iCE40UP5K single-port RAM (16,384 x 16)
// For Verilator only (never synthesised: Yosys has the real primitive). Deliberately
// unfriendly where the hardware gives no promise: the contents start as a pattern,
// not zeros (the SPRAM is not cleared by configuration), and DATAOUT is scrambled in
// a write cycle, so the design must neither rely on a power-up value nor reuse read
// data across its write slot.
// SPDX-License-Identifier: MIT
`default_nettype none

module SB_SPRAM256KA (
    input  wire [13:0] ADDRESS,
    input  wire [15:0] DATAIN,
    input  wire [3:0]  MASKWREN,    // a nibble each: 1 writes it
    input  wire        WREN,
    input  wire        CHIPSELECT,
    input  wire        CLOCK,
    input  wire        STANDBY,
    input  wire        SLEEP,
    input  wire        POWEROFF,    // active low: 1 keeps the RAM powered
    output reg  [15:0] DATAOUT
);
    reg [15:0] mem [0:16383];

    integer i;
    initial begin
        for (i = 0; i < 16384; i = i + 1)
            mem[i] = 16'hA5C3 ^ i[15:0];
    end

    always @(posedge CLOCK) begin
        if (CHIPSELECT && !STANDBY && !SLEEP && POWEROFF) begin
            if (WREN) begin
                if (MASKWREN[0]) mem[ADDRESS][3:0]   <= DATAIN[3:0];
                if (MASKWREN[1]) mem[ADDRESS][7:4]   <= DATAIN[7:4];
                if (MASKWREN[2]) mem[ADDRESS][11:8]  <= DATAIN[11:8];
                if (MASKWREN[3]) mem[ADDRESS][15:12] <= DATAIN[15:12];
                DATAOUT <= ~DATAOUT ^ {2'b00, ADDRESS};
            end else begin
                DATAOUT <= mem[ADDRESS];
            end
        end
    end
endmodule

`default_nettype wire
