// lc_crc16.v : CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, MSB first), one byte per cycle
// i_init restarts at 0xFFFF (with i_valid: folds i_data into the fresh value); i_valid
// alone folds i_data into the running value. o_crc is the CRC of the bytes so far;
// it reads 0 after the bytes of a frame followed by their CRC, most significant byte first.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_crc16 (
    input  wire        i_clk,
    // control
    input  wire        i_init,      // restart (this cycle's byte, if any, is the first)
    input  wire        i_valid,
    input  wire [7:0]  i_data,
    // running CRC
    output reg  [15:0] o_crc
);
    // one byte, bit by bit, most significant bit first
    function [15:0] step_byte(input [15:0] c, input [7:0] d);
        integer k;
        reg [15:0] x;
        begin
            x = c;
            for (k = 7; k >= 0; k = k - 1)
                x = {x[14:0], 1'b0} ^ ((x[15] ^ d[k]) ? 16'h1021 : 16'h0000);
            step_byte = x;
        end
    endfunction

    wire [15:0] base = i_init ? 16'hFFFF : o_crc;

    always @(posedge i_clk) begin
        if (i_valid)
            o_crc <= step_byte(base, i_data);
        else if (i_init)
            o_crc <= 16'hFFFF;
    end
endmodule

`default_nettype wire
