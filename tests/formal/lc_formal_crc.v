// lc_formal_crc.v : proof harness for lc_crc16 (yosys-smtbmc, k-induction)
// The solver drives both variants with any bytes and restarts. Proven for every state:
// a frame followed by its CRC (high byte first) reads 0, whatever came before, and the
// PRESET variant (restart loads the CRC of the SOF byte) tracks the folding variant.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_formal_crc (
    input wire       clk,
    // what the solver drives
    input wire       i_init,
    input wire       i_valid,
    input wire [7:0] i_data,
    input wire       i_sof_frame    // start a frame with the SOF byte in both variants
);
    localparam [7:0] SOF = 8'hA5;

    // folding variant: restart together with the first byte
    wire [15:0] crc;
    wire        f_init  = i_init || i_sof_frame;
    wire        f_valid = i_valid || i_sof_frame;
    wire [7:0]  f_data  = i_sof_frame ? SOF : i_data;
    lc_crc16 #(.PRESET(0)) u_fold (
        .i_clk(clk), .i_init(f_init), .i_sof(1'b0), .i_valid(f_valid), .i_data(f_data), .o_crc(crc));

    // preset variant: the SOF byte's CRC loaded; a plain restart loads 0xFFFF (no byte)
    wire [15:0] pcrc;
    wire        p_sof   = i_sof_frame;
    wire        p_init  = i_init && !i_valid && !i_sof_frame;
    wire        p_valid = i_valid && !i_init && !i_sof_frame;
    lc_crc16 #(.PRESET(1), .SOF_BYTE(SOF)) u_pre (
        .i_clk(clk), .i_init(p_init), .i_sof(p_sof), .i_valid(p_valid), .i_data(i_data), .o_crc(pcrc));

    // the solver may only give the preset variant what it accepts: no byte with a restart
    always @(*) assume (!(i_init && i_valid));

    // shadow of the last two cycles: the CRC before two plain folds, and their bytes
    reg [15:0] c2, c1;
    reg [7:0]  d2, d1;
    reg        f2, f1;      // that cycle was a plain fold (no restart)
    reg        past1 = 1'b0, past2 = 1'b0;
    always @(posedge clk) begin
        past1 <= 1'b1;
        past2 <= past1;
        c2 <= c1;  c1 <= crc;
        d2 <= d1;  d1 <= f_data;
        f2 <= f1;  f1 <= f_valid && !f_init;
    end

    // once both have started the same way, they agree
    reg synced = 1'b0;
    always @(posedge clk) if (i_sof_frame) synced <= 1'b1;

    always @(*) begin
        // the CRC's own check: after the bytes of c2 (high, then low) the register is 0
        if (past2 && f2 && f1 && d2 == c2[15:8] && d1 == c2[7:0])
            assert (crc == 16'h0000);
        if (synced)
            assert (pcrc == crc);
    end
endmodule

`default_nettype wire
