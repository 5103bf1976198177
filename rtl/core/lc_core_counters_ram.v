// lc_core_counters_ram.v : the core's statistics counters in block RAM (compact variant)
// Word 3c+p of counter c holds its bits [16p+15:16p], after the input traces; a step
// adds into the 12 words in S_CNT, a dropped input adds 1 to the 32-bit drop count.
// SPDX-License-Identifier: MIT
`default_nettype none

// the same ports as lc_core_counters (registers), which lc_core picks instead for
// dual-port builds. S_CNT reads a word and writes it back one cycle later through
// one 17-bit adder; words 12 and 13 hold the drop count (S_CNT from S_IDLE adds 1
// to them alone); S_CCLR zeroes the 14 words. A read of counter c (0x30 + 2c: words
// 3c, 3c+1; 0x31 + 2c: word 3c+2) or of the drop count (0x39: words 12, 13) takes
// S_CFG2 (and S_CFG3 for a lower half's second word); the cycle count 0x38 is the
// sequencer's step counter itself, which holds between steps.
module lc_core_counters_ram #(
    parameter integer N       = 64,  // neurons
    parameter integer M       = 32,  // input axons
    parameter integer P       = 4,   // synapses per weight word
    parameter integer COMPACT = 1,   // must be 1
    parameter integer CNT_W   = 48   // bits of the counters: 48 here
) (
    i_clk, i_rst, i_state, i_ctl_clr, i_drop, i_step_cyc, i_in_cnt, i_out_cnt,
    i_q_reg, i_q_write, i_q_off, i_xi_rdata,
    o_rdata, o_q_is_cnt, o_cr_cnt, o_q_more, o_cnt_end, o_cnt_drop, o_cclr_last,
    o_xi_re, o_xi_raddr, o_xi_we, o_xi_waddr, o_xi_wdata
);
`include "lc_core_geom.vh"
    input  wire            i_clk;
    input  wire            i_rst;
    // what happens
    input  wire [3:0]      i_state;
    input  wire            i_ctl_clr;     // the control register clears the counters
    input  wire            i_drop;        // an out-of-range input spike is dropped
    input  wire [CYW-1:0]  i_step_cyc;
    input  wire [MCW-1:0]  i_in_cnt;
    input  wire [NCW-1:0]  i_out_cnt;
    // read-back
    input  wire [3:0]      i_q_reg;
    input  wire            i_q_write;
    input  wire [7:0]      i_q_off;
    input  wire [15:0]     i_xi_rdata;
    output wire [31:0]     o_rdata;       // register 0x38 (the others come from RAM)
    output wire            o_q_is_cnt;    // the read takes the block-RAM path
    output reg             o_cr_cnt;      // a counter read is in S_CFG2/S_CFG3
    output wire            o_q_more;      // S_CFG2 goes on to S_CFG3
    // sequencing of the block-RAM passes
    output wire            o_cnt_end;
    output reg             o_cnt_drop;
    output wire            o_cclr_last;
    // input-trace memory port: the counter words
    output reg             o_xi_re;
    output reg  [XIW-1:0]  o_xi_raddr;
    output reg             o_xi_we;
    output reg  [XIW-1:0]  o_xi_waddr;
    output reg  [15:0]     o_xi_wdata;

    initial if (COMPACT == 0 || CNT_W != 48)
        $error("lc_core_counters_ram: for the compact core, with 48-bit counters");

    localparam [XIW-1:0] XI_CB = XI_CB_I[XIW-1:0];          // first counter word
    wire [31:0]         step_cyc32 = {{(32-CYW){1'b0}}, i_step_cyc};

    reg  [3:0]          cc_k;          // word read this cycle, 0..11 (13); 12 (14): last write
    reg  [1:0]          cc_c, cc_p;    // its counter and part
    reg                 cc_wv, cc_p0, cc_carry;
    reg  [3:0]          cc_wa;
    reg  [15:0]         cc_ad;         // addend of the word being written
    reg  [15:0]         cc_addend;     // addend of the word being read
    assign o_cnt_end   = (cc_k[3:2] == 2'b11) && (cc_k[1] == o_cnt_drop) && !cc_k[0];
    assign o_cclr_last = (cc_k == 4'd13);
    always @* begin
        case (cc_c)
            2'd0:    cc_addend = (cc_p == 2'd0) ? 16'd1 : 16'd0;
            2'd1:    cc_addend = (cc_p == 2'd0) ? step_cyc32[15:0] :
                                 (cc_p == 2'd1) ? step_cyc32[31:16] : 16'd0;
            2'd2:    cc_addend = (cc_p == 2'd0) ? {{(16-MCW){1'b0}}, i_in_cnt} : 16'd0;
            default: cc_addend = (cc_p == 2'd0) ? {{(16-NCW){1'b0}}, i_out_cnt} : 16'd0;
        endcase
    end
    wire [16:0]         cc_sum   = {1'b0, i_xi_rdata} + {1'b0, cc_ad}
                                 + {16'd0, !cc_p0 && cc_carry};

    // the word of a counter read
    wire                q_drop   = (i_q_off == 8'h39);
    assign o_q_is_cnt            = (i_q_reg == 4'd0) && !i_q_write
                                && ((i_q_off[7:3] == 5'b00110) || q_drop);
    wire [2:0]          q_cc     = {q_drop, q_drop ? 2'b00 : i_q_off[2:1]};
    wire [3:0]          q_cword  = {q_cc, 1'b0} + {1'b0, q_cc}
                                 + {2'b00, i_q_off[0] && !q_drop, 1'b0};
    reg                 cr_hi;
    reg  [2:0]          cr_c;
    wire [3:0]          cr_word1 = {cr_c, 1'b0} + {1'b0, cr_c} + 4'd1;
    assign o_q_more = o_cr_cnt && !cr_hi;
    assign o_rdata  = (i_q_off == 8'h38) ? step_cyc32 : 32'd0;

    always @* begin
        o_xi_re = 1'b0; o_xi_raddr = {XIW{1'b0}};
        o_xi_we = 1'b0; o_xi_waddr = {XIW{1'b0}}; o_xi_wdata = 16'd0;
        if (i_state == S_CFG1 && o_q_is_cnt) begin
            o_xi_re = 1'b1; o_xi_raddr = XI_CB | {{(XIW-4){1'b0}}, q_cword};
        end
        if (i_state == S_CFG2 && o_cr_cnt && !cr_hi) begin
            o_xi_re = 1'b1; o_xi_raddr = XI_CB | {{(XIW-4){1'b0}}, cr_word1};
        end
        if (i_state == S_CNT && !o_cnt_end) begin
            o_xi_re = 1'b1; o_xi_raddr = XI_CB | {{(XIW-4){1'b0}}, cc_k};
        end
        if (cc_wv) begin
            o_xi_we = 1'b1; o_xi_waddr = XI_CB | {{(XIW-4){1'b0}}, cc_wa}; o_xi_wdata = cc_sum[15:0];
        end
        if (i_state == S_CCLR) begin
            o_xi_we = 1'b1; o_xi_waddr = XI_CB | {{(XIW-4){1'b0}}, cc_k}; o_xi_wdata = 16'd0;
        end
    end

    always @(posedge i_clk) begin
        cc_wv <= 1'b0;
        case (i_state)
        S_CCLR: begin
            cc_k <= cc_k + 4'd1;
            if (o_cclr_last)
                cc_k <= 4'd0;
        end
        S_IDLE: begin
            if (i_drop) begin
                o_cnt_drop <= 1'b1;
                cc_k       <= 4'd12;
            end
        end
        S_CFG1: begin
            if (o_q_is_cnt) begin
                o_cr_cnt <= 1'b1;
                cr_hi    <= i_q_off[0] && !q_drop;
                cr_c     <= q_cc;
            end
        end
        S_CFG2: begin
            if (!(o_cr_cnt && !cr_hi) && !i_q_write)
                o_cr_cnt <= 1'b0;
        end
        S_CFG3: o_cr_cnt <= 1'b0;
        S_CNT: begin                    // 12 (2) reads, each written back next cycle
            if (!o_cnt_end) begin
                cc_wv <= 1'b1;
                cc_wa <= cc_k;
                cc_ad <= cc_addend;
                cc_p0 <= (cc_p == 2'd0);
                cc_k  <= cc_k + 4'd1;
                if (cc_p == 2'd2) begin
                    cc_p <= 2'd0;
                    cc_c <= cc_c + 2'd1;
                end else begin
                    cc_p <= cc_p + 2'd1;
                end
            end else if (o_cnt_drop) begin
                o_cnt_drop <= 1'b0;     // a dropped input spike counted
                cc_k       <= 4'd0;
                cc_c       <= 2'd0;
                cc_p       <= 2'd0;
            end
            if (cc_wv)
                cc_carry <= cc_sum[16];
        end
        S_FIN: begin
            cc_k <= 4'd0;
            cc_c <= 2'd0;
            cc_p <= 2'd0;
        end
        default: ;
        endcase
        if (i_rst) begin
            cc_k <= 4'd0; cc_c <= 2'd0; cc_p <= 2'd0; cc_wv <= 1'b0;
            o_cr_cnt <= 1'b0; o_cnt_drop <= 1'b0;
        end
    end
    wire unused = &{1'b0, i_ctl_clr};
endmodule

`default_nettype wire
