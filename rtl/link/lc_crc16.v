// lc_crc16.v : CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, MSB first), one byte per cycle
// i_init restarts at 0xFFFF (with i_valid: folds i_data into the fresh value); i_valid
// alone folds i_data into the running value. o_crc is the CRC of the bytes so far;
// it reads 0 after the bytes of a frame followed by their CRC, most significant byte first.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_crc16 #(
    // 0: as above. 1: i_init and i_sof only load a value (0xFFFF, or the CRC of the
    // byte SOF_BYTE) and never come with a byte to fold (no start-value mux)
    parameter integer    PRESET   = 0,
    parameter [7:0]      SOF_BYTE = 8'hA5
) (
    input  wire        i_clk,
    // control
    input  wire        i_init,      // restart (this cycle's byte, if any, is the first)
    input  wire        i_sof,       // PRESET = 1: load the CRC of SOF_BYTE (unused otherwise)
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

    localparam [15:0] SOF_CRC = step_byte(16'hFFFF, SOF_BYTE);

    generate
        if (PRESET != 0) begin : g_preset
            always @(posedge i_clk) begin
                if (i_sof)
                    o_crc <= SOF_CRC;
                else if (i_init)
                    o_crc <= 16'hFFFF;
                else if (i_valid)
                    o_crc <= step_byte(o_crc, i_data);
            end
        end else begin : g_fold
            wire [15:0] base = i_init ? 16'hFFFF : o_crc;
            always @(posedge i_clk) begin
                if (i_valid)
                    o_crc <= step_byte(base, i_data);
                else if (i_init)
                    o_crc <= 16'hFFFF;
            end
            wire unused = i_sof;
        end
    endgenerate
endmodule

`default_nettype wire
