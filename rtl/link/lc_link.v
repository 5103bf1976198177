// lc_link.v : the device side of the link protocol (docs/protocol.md) between UART bytes and lc_core
// Frame receiver (hunt, header and payload CRC-16, inter-byte timeout, tentative writes
// committed only for an in-sequence intact frame), frame sender (go-back on RESEND, ACK and
// credit in every frame), the two stream buffers in block RAM, command executor (which also
// keeps the link counters).
// SPDX-License-Identifier: MIT
`default_nettype none
`include "lc_map.vh"

module lc_link #(
    parameter integer N             = 64,        // core neurons
    parameter integer M             = 32,        // core input axons
    parameter integer P             = 4,         // core synapses per weight word
    parameter integer CLK_HZ        = 12000000,  // i_clk frequency, Hz
    parameter integer BAUD          = 3000000,   // UART bit rate, bit/s
    parameter integer RXB           = 512,       // input buffer, bytes (power of 2, 256..32768)
    parameter integer TXB           = 512,       // output buffer, bytes (power of 2, 256..32768)
    parameter integer RX_TIMEOUT_US = 2000,      // inter-byte timeout inside a frame, microseconds
    parameter integer TX_HOLD_US    = 1000,      // longest wait to fill an output frame, microseconds
    parameter integer LCNT_W        = 16,        // link counter width, bits (8..32)
    parameter integer CORES         = 1,         // cores behind the link (> 1: a system, 1..15)
    parameter integer D             = 0,         // a system's largest route delay (IDENTIFY)
    parameter integer ROUTES        = 0          // a system's routing-table entries (IDENTIFY)
) (
    input  wire         i_clk,
    input  wire         i_rst,          // synchronous, active high
    // bytes from the UART receiver
    input  wire         i_rx_valid,
    input  wire [7:0]   i_rx_data,
    input  wire         i_rx_ferr,      // framing error (byte discarded)
    // bytes to the UART transmitter
    output wire         o_tx_valid,
    output wire [7:0]   o_tx_data,
    input  wire         i_tx_ready,
    // lc_core configuration bus
    output wire         o_cfg_valid,
    output wire         o_cfg_write,
    output wire [27:0]  o_cfg_addr,
    output wire [3:0]   o_cfg_tgt,      // addr[31:28]: a system's target (core c, router CORES)
    output wire [31:0]  o_cfg_wdata,
    input  wire         i_cfg_ready,
    input  wire         i_cfg_rvalid,
    input  wire [31:0]  i_cfg_rdata,
    // lc_core input spikes and step control (a system's: {core, axon}, docs/protocol.md)
    output wire         o_in_valid,
    output wire [15:0]  o_in_idx,
    input  wire         i_in_ready,
    output wire         o_step,
    input  wire         i_step_done,
    // lc_core output spikes
    input  wire         i_out_valid,
    input  wire [15:0]  i_out_idx,
    // status
    output reg          o_error         // sticky: a link error was counted (cleared with the counters)
);
    localparam integer RXAW = $clog2(RXB);
    localparam integer TXAW = $clog2(TXB);
    localparam integer BW   = (RXAW > TXAW) ? RXAW : TXAW;   // one buffer's address bits
    localparam integer WIN_STEP_I = (RXB >= 512) ? 255 : RXB / 2;
    localparam [7:0]   WIN_STEP8 = WIN_STEP_I[7:0];                // credit growth worth a frame
    localparam integer TO_CLKS  = (CLK_HZ / 1000) * RX_TIMEOUT_US / 1000;
    localparam integer HOLD_CLKS = (CLK_HZ / 1000) * TX_HOLD_US / 1000;
    // both timers count ticks of 2^PSW clocks (about 1/64 of the shorter time), rounded up
    // and one more, so that they never end early and at most one tick late
    localparam integer MIN_CLKS = (TO_CLKS < HOLD_CLKS) ? TO_CLKS : HOLD_CLKS;
    localparam integer PSW      = ($clog2(MIN_CLKS) > 7) ? $clog2(MIN_CLKS) - 6 : 1;
    localparam integer TO_T     = (TO_CLKS + (1 << PSW) - 1) / (1 << PSW) + 1;
    localparam integer HOLD_T   = (HOLD_CLKS + (1 << PSW) - 1) / (1 << PSW) + 1;
    localparam integer TOW      = $clog2(TO_T + 1);
    localparam [TOW-1:0] TO_LAST = TO_T[TOW-1:0];
    localparam [7:0]   SOF = `LC_SOF;
    localparam integer HW        = $clog2(HOLD_T + 1);
    localparam [HW-1:0] HOLD_LAST = HOLD_T[HW-1:0];

    initial begin
        if ((1 << RXAW) != RXB || RXB < 256 || RXB > 32768) $error("lc_link: RXB must be a power of 2, 256..32768");
        if ((1 << TXAW) != TXB || TXB < 256 || TXB > 32768) $error("lc_link: TXB must be a power of 2, 256..32768");
        if (TXB < (((CORES > 1) ? CORES * (1 << $clog2(N)) : N) + 7) / 8 + 64) $error("lc_link: TXB must hold an output bitmap and a READ answer header");
        if (LCNT_W < 8 || LCNT_W > 32) $error("lc_link: LCNT_W must be 8..32");
        if (TO_CLKS < 40) $error("lc_link: RX_TIMEOUT_US too short for this clock");
        if (HOLD_CLKS < 1) $error("lc_link: TX_HOLD_US too short for this clock");
    end

    // ------------------------------------------------------------------
    // stream state
    // ------------------------------------------------------------------
    // input buffer: committed [rb_rd, rb_wr), a frame in progress writes from rb_tmp
    // (buffer pointers keep one bit more than the address; differences are exact)
    // rb_wr advances exactly as the host stream offset expected next (our ACK): that
    // offset is rb_wr below and a count of its wraps above
    reg  [RXAW:0] rb_rd, rb_wr, rb_tmp;
    wire [15:0]   rx_exp;               // host stream offset expected next (our ACK)
    wire          rb_empty = (rb_wr == rb_rd);
    wire [RXAW:0] rb_free = {~rb_rd[RXAW], rb_rd[RXAW-1:0]} - rb_wr;   // RXB - used: the credit, WIN
    wire          rb_wrap = rb_wr[RXAW] && !rb_tmp[RXAW];   // a commit wraps rb_wr (frames < RXB)
    // output buffer: unacknowledged [tb_ack, tb_wr), sent up to tb_send (stream offsets)
    reg  [15:0]   tb_ack, tb_send;
    reg  [TXAW:0] tb_wr;
    wire [TXAW:0] tb_unacked = tb_wr - tb_ack[TXAW:0];

    // session control
    reg         abort_req;              // CONNECT received, waiting for a safe point
    reg         connected_due;          // next frame carries CONNECTED
    reg         ack_due;                // send a frame even without data
    reg         nak_due;                // next frame carries NAK
    reg         resend_due;             // go back to tb_ack at the next frame boundary

    wire r_commit;                      // an accepted frame's payload is committed this cycle

    // events counted in the link registers (one-cycle pulses)
    reg ev_ok, ev_crc, ev_resync, ev_timeout, ev_framing, ev_dup, ev_drop, ev_retx;
    wire ev_badcmd;

    // executor handshakes, session restart
    wire        ex_pop, ex_push, ex_parked;
    wire [7:0]  ex_pdata;
    wire        session_reset;          // CONNECT takes effect this cycle
    reg         rs_was_frame;           // the receiver was inside a frame last cycle
    generate
        if (RXAW < 15) begin : g_rxhi
            reg [14-RXAW:0] rx_hi;
            always @(posedge i_clk) begin
                if (i_rst || session_reset) rx_hi <= {(15-RXAW){1'b0}};
                else if (r_commit && rb_wrap) rx_hi <= rx_hi + 1'b1;
            end
            assign rx_exp = {rx_hi, rb_wr};
        end else begin : g_rxlo
            assign rx_exp = rb_wr;
        end
    endgenerate

    // ------------------------------------------------------------------
    // the two stream buffers share one block RAM: input at {0, offset}, output at {1, offset}
    // (RXB = TXB = 256 fit one iCE40 EBR). Write port: the executor's pushes win, a payload
    // byte waits in the UART receiver's data register (bytes come a UART byte time apart;
    // the executor pauses its pushes meanwhile). Read port: the executor's pops win, the
    // sender retries next cycle.
    // ------------------------------------------------------------------
    reg              rbm_we;            // a payload byte (i_rx_data) waits to be written at rb_tmp
    wire             rbm_re;
    wire             tbm_we;
    wire [7:0]       tbm_wdata;
    reg              tbm_re;            // the sender wants the byte at tb_send
    wire [7:0]       bm_rdata;
    wire             rx_wr = rbm_we && !tbm_we;
    wire             t_rd  = tbm_re && !rbm_re;
    wire [BW-1:0]    rb_tmp_a = {{(BW-RXAW){1'b0}}, rb_tmp[RXAW-1:0]};
    wire [BW-1:0]    rb_rd_a  = {{(BW-RXAW){1'b0}}, rb_rd[RXAW-1:0]};
    wire [BW-1:0]    tb_wr_a  = {{(BW-TXAW){1'b0}}, tb_wr[TXAW-1:0]};
    wire [BW-1:0]    t_rd_a  = {{(BW-TXAW){1'b0}}, tb_send[TXAW-1:0]};
    lc_ram_sdp #(.WIDTH(8), .DEPTH(2 << BW)) u_buf (
        .i_clk(i_clk), .i_we(tbm_we || rbm_we),
        .i_waddr(tbm_we ? {1'b1, tb_wr_a} : {1'b0, rb_tmp_a}),
        .i_wdata(tbm_we ? tbm_wdata : i_rx_data),
        .i_re(rbm_re || tbm_re),
        .i_raddr(rbm_re ? {1'b0, rb_rd_a} : {1'b1, t_rd_a}), .o_rdata(bm_rdata));

    // ------------------------------------------------------------------
    // frame receiver
    // ------------------------------------------------------------------
    localparam [2:0] R_HUNT = 3'd0, R_HDR = 3'd1, R_HCHK = 3'd2, R_PAY = 3'd3,
                     R_PCRC = 3'd4, R_PCHK = 3'd5;
    localparam [1:0] K_ACCEPT = 2'd0, K_DUP = 2'd1, K_DROP = 2'd2;
    reg  [2:0]  rs;
    reg  [3:0]  r_cnt;                  // header byte, PCRC byte
    reg  [7:0]  r_flags;
    reg  [7:0]  r_len;                  // payload bytes (counts down through the payload)
    reg  [15:0] r_ack;
    reg         r_sb;                   // SEQ: borrow of expected - SEQ, low byte
    reg         r_seq_eq;               // SEQ: equal to the offset expected so far
    reg         r_seq_ahead;            // SEQ: ahead of the offset expected (a gap)
    reg  [1:0]  r_kind;
    reg         r_garbage;              // inside a run of skipped bytes
    reg  [TOW-1:0] r_idle;              // ticks since the last byte of a frame
    reg  [PSW-1:0] tk_cnt;              // tick prescaler
    wire        tick = &tk_cnt;
    always @(posedge i_clk) tk_cnt <= i_rst ? {PSW{1'b0}} : tk_cnt + 1'b1;
    wire [RXAW:0] r_len_w = {{(RXAW-7){1'b0}}, r_len};
    wire [15:0] r_crc;
    // the CRC holds that of SOF while hunting, restarts for the payload in R_HCHK (no byte
    // comes in that cycle)
    lc_crc16 #(.PRESET(1), .SOF_BYTE(SOF)) u_rxcrc (.i_clk(i_clk), .i_init(rs == R_HCHK),
                      .i_sof(rs == R_HUNT), .i_valid(i_rx_valid), .i_data(i_rx_data), .o_crc(r_crc));

    // header applied at once: host ACK, RESEND, CONNECT
    reg         h_ack_valid;
    // SEQ is compared with the expected offset a byte at a time as it arrives
    // (rx_exp only moves at a commit, between frames)
    wire [8:0]  seq_d = {1'b0, r_cnt[0] ? rx_exp[7:0] : rx_exp[15:8]} - {1'b0, i_rx_data}
                      - {8'd0, !r_cnt[0] && r_sb};

    always @(posedge i_clk) begin
        if (rx_wr) rbm_we <= 1'b0;
        ev_ok <= 1'b0; ev_crc <= 1'b0; ev_resync <= 1'b0; ev_timeout <= 1'b0;
        ev_framing <= 1'b0; ev_dup <= 1'b0; ev_drop <= 1'b0;
        h_ack_valid <= 1'b0;
        if (i_rst) begin
            rs <= R_HUNT; r_garbage <= 1'b0; r_idle <= {TOW{1'b0}}; rbm_we <= 1'b0;
        end else begin
            if (i_rx_valid || i_rx_ferr || rs == R_HUNT) r_idle <= {TOW{1'b0}};
            else if (tick && r_idle != TO_LAST)       r_idle <= r_idle + 1'b1;

            case (rs)
            R_HUNT: if (i_rx_valid) begin
                if (i_rx_data == SOF) begin
                    rs <= R_HDR; r_cnt <= 4'd0; r_garbage <= 1'b0;
                end else begin
                    if (!r_garbage) ev_resync <= 1'b1;
                    r_garbage <= 1'b1;
                end
            end
            R_HDR: if (i_rx_valid) begin
                case (r_cnt)
                    4'd0: r_flags     <= i_rx_data;
                    4'd1: begin
                        r_sb <= seq_d[8]; r_seq_eq <= (seq_d[7:0] == 8'd0);
                    end
                    4'd2: begin
                        r_seq_eq <= r_seq_eq && (seq_d[7:0] == 8'd0); r_seq_ahead <= seq_d[7];
                    end
                    4'd3: r_ack[7:0]  <= i_rx_data;
                    4'd4: r_ack[15:8] <= i_rx_data;
                    4'd7: r_len       <= i_rx_data;
                    default: ;
                endcase
                r_cnt <= r_cnt + 1'b1;
                if (r_cnt == 4'd9) rs <= R_HCHK;
            end
            R_HCHK: begin
                r_cnt <= 4'd0;
                if (r_crc != 16'd0) begin
                    ev_crc <= 1'b1; rs <= R_HUNT;
                end else if (r_flags[7] || (r_flags[1] && r_len != 8'd0)) begin
                    ev_drop <= 1'b1; rs <= R_HUNT;
                end else begin
                    h_ack_valid <= 1'b1;
                    if (r_len == 8'd0) begin
                        ev_ok <= 1'b1; rs <= R_HUNT;
                    end else begin
                        rs     <= R_PAY;
                        rb_tmp <= rb_wr;
                        if (!r_seq_eq)
                            r_kind <= r_seq_ahead ? K_DROP : K_DUP;
                        else
                            r_kind <= (r_len_w <= rb_free) ? K_ACCEPT : K_DROP;
                    end
                end
            end
            R_PAY: if (i_rx_valid) begin
                if (r_kind == K_ACCEPT) rbm_we <= 1'b1;
                r_len <= r_len - 1'b1;
                if (r_len == 8'd1) rs <= R_PCRC;
            end
            R_PCRC: if (i_rx_valid) begin
                r_cnt <= r_cnt + 1'b1;
                if (r_cnt[0]) rs <= R_PCHK;
            end
            R_PCHK: if (!rbm_we) begin         // the last payload byte is in the buffer
                rs <= R_HUNT;
                if (r_crc != 16'd0) begin
                    ev_crc <= 1'b1;
                end else begin
                    ev_ok <= 1'b1;
                    case (r_kind)
                        K_ACCEPT: ;                  // committed below
                        K_DUP:    ev_dup  <= 1'b1;
                        default:  ev_drop <= 1'b1;
                    endcase
                end
            end
            default: rs <= R_HUNT;
            endcase
            if (rx_wr) rb_tmp <= rb_tmp + 1'b1;

            // a frame in progress is dropped on a framing error or a silent line
            if (rs != R_HUNT && rs != R_HCHK && rs != R_PCHK) begin
                if (i_rx_ferr) begin
                    ev_framing <= 1'b1; rs <= R_HUNT;
                end else if (r_idle == TO_LAST) begin
                    ev_timeout <= 1'b1; rs <= R_HUNT;
                end
            end else if (rs == R_HUNT && i_rx_ferr) begin
                ev_framing <= 1'b1;
            end
            if (session_reset) rs <= R_HUNT;
        end
    end
    assign r_commit = (rs == R_PCHK) && !rbm_we && (r_crc == 16'd0) && (r_kind == K_ACCEPT);

    // ------------------------------------------------------------------
    // frame sender
    // ------------------------------------------------------------------
    // The header is sent from the live state: a flag is cleared when the byte that carries
    // it goes out, and ACK and WIN are sampled together when the ACK's low byte goes out
    // (t_hi keeps the high byte of the ACK, t_data and t_whi the credit).
    localparam [1:0] T_IDLE = 2'd0, T_HDR = 2'd1, T_PAY = 2'd2, T_PCRC = 2'd3;
    reg  [1:0]  ts;
    reg  [3:0]  t_cnt;
    reg  [7:0]  t_left;                 // payload bytes (LEN while the header goes out)
    reg  [7:0]  t_hi;
    reg  [RXAW-8:0] t_whi;              // WIN bits 8 and up
    // credit growth since the last WIN sent, up to WIN_STEP (a pop in the very cycle WIN is
    // sampled is in neither: that WIN is a byte short, which is safe, until the next frame)
    reg  [7:0]  t_grow;
    reg         t_have;                 // t_data holds the next payload byte
    reg         t_got;                  // the buffer read of it was granted last cycle
    reg  [7:0]  t_data;
    wire [15:0] t_crc;
    reg  [7:0]  t_byte;
    wire [TXAW:0] tb_sent    = tb_send[TXAW:0] - tb_ack[TXAW:0];
    // tb_wr - tb_send as unacked - sent: its borrow says the host acknowledged beyond tb_send
    wire [TXAW+1:0] tb_pend_d = {1'b0, tb_unacked} - {1'b0, tb_sent};
    wire [TXAW:0] tb_pending = tb_pend_d[TXAW:0];
    wire          tb_behind  = tb_pend_d[TXAW+1];   // tb_sent > tb_unacked
    // the right edge rx_exp + WIN moves exactly as the executor consumes bytes
    wire        credit_news = (t_grow == WIN_STEP8) || (t_grow != 8'd0 && rb_empty);
    wire [7:0]  f_len_next = (tb_pending > 255) ? 8'd255 : tb_pending[7:0];
    // data waits for a full frame unless the commands ran dry or it has waited TX_HOLD_US
    reg  [HW-1:0] t_hold;
    wire        ex_idle;
    wire        data_go = (tb_pending != 0) &&
                          ((tb_pending >= 255) || (ex_idle && rb_empty) || (t_hold == HOLD_LAST));
    wire        t_start = (ts == T_IDLE) && !abort_req && !resend_due && !tb_behind
                       && (data_go || ack_due || nak_due || connected_due || credit_news);

    // the byte is chosen by t_cnt alone: T_PAY holds it at 6 (t_data), T_PCRC counts 9, 10
    always @(*) begin
        case (t_cnt)
            4'd0: t_byte = SOF;
            4'd1: t_byte = {1'b1, 5'd0, connected_due, nak_due};
            4'd2: t_byte = tb_send[7:0];          // tb_send only moves in the payload
            4'd3: t_byte = tb_send[15:8];
            4'd4: t_byte = rx_exp[7:0];
            4'd5: t_byte = t_hi;
            4'd6: t_byte = t_data;                // the payload register is free until then
            4'd7: t_byte = {{(15-RXAW){1'b0}}, t_whi};
            4'd8: t_byte = t_left;
            default: t_byte = t_crc[15:8];        // HCRC and PCRC, both bytes (see t_feed)
        endcase
    end
    assign o_tx_valid = (ts == T_HDR) || (ts == T_PAY && t_have) || (ts == T_PCRC);
    assign o_tx_data  = t_byte;
    wire t_take = o_tx_valid && i_tx_ready;
    // the CRC's high byte is fed too: that shifts the CRC a byte up (the table entry for 0 is
    // 0), so its low byte goes out next from the same place
    // (the CRC holds that of SOF from T_IDLE until SOF has gone out)
    wire t_feed = t_take && (t_cnt != 4'd0) && (t_cnt <= 4'd9);
    wire t_said_flags = t_take && (ts == T_HDR) && (t_cnt == 4'd1);
    wire t_said_ack   = t_take && (ts == T_HDR) && (t_cnt == 4'd4);
    // the CRC restarts at SOF and after the header (HCRC's low byte)
    lc_crc16 #(.PRESET(1), .SOF_BYTE(SOF)) u_txcrc (.i_clk(i_clk),
                      .i_init((t_cnt == 4'd10) && t_take),
                      .i_sof((ts == T_IDLE) || ((ts == T_HDR) && (t_cnt == 4'd0))),
                      .i_valid(t_feed), .i_data(t_byte), .o_crc(t_crc));

    always @(posedge i_clk) begin
        if (i_rst || ts != T_IDLE || tb_pending == 0) t_hold <= {HW{1'b0}};
        else if (tick && t_hold != HOLD_LAST)              t_hold <= t_hold + 1'b1;
    end

    always @(posedge i_clk) begin
        if (i_rst || session_reset || t_said_ack) t_grow <= 8'd0;
        else if (ex_pop && t_grow != WIN_STEP8)  t_grow <= t_grow + 1'b1;
        if (t_said_ack) begin
            t_hi <= rx_exp[15:8]; t_whi <= rb_free[RXAW:8];
        end
    end

    always @(posedge i_clk) begin
        ev_retx <= 1'b0;
        if (i_rst) begin
            ts <= T_IDLE; t_have <= 1'b0; tbm_re <= 1'b0; t_got <= 1'b0; tb_send <= 16'd0;
        end else begin
            case (ts)
            T_IDLE: begin
                if (resend_due) begin
                    tb_send <= tb_ack; ev_retx <= 1'b1;
                end else if (tb_behind) begin
                    tb_send <= tb_ack;          // the host acknowledged beyond what we resent
                end else if (t_start) begin
                    ts      <= T_HDR; t_cnt <= 4'd0;
                    t_left  <= f_len_next;
                    t_have  <= 1'b0;
                end
            end
            T_HDR: if (t_take) begin
                t_cnt <= t_cnt + 1'b1;
                if (t_cnt == 4'd4) t_data <= rb_free[7:0];   // WIN, sampled with the ACK
                if (t_cnt == 4'd10) begin
                    ts <= (t_left == 8'd0) ? T_IDLE : T_PAY; t_cnt <= 4'd6;
                end
            end
            T_PAY: begin
                if (!t_have && !tbm_re && !t_got) tbm_re <= 1'b1;
                if (t_rd) begin                 // read granted: data valid next cycle
                    tbm_re <= 1'b0; t_got <= 1'b1;
                end
                if (t_got) begin
                    t_got <= 1'b0; t_data <= bm_rdata; t_have <= 1'b1;
                end
                if (t_take) begin
                    t_have  <= 1'b0;
                    t_left  <= t_left - 1'b1;
                    tb_send <= tb_send + 1'b1;
                    if (t_left == 8'd1) begin
                        ts <= T_PCRC; t_cnt <= 4'd9;
                    end
                end
            end
            T_PCRC: if (t_take) begin
                t_cnt <= t_cnt + 1'b1;
                if (!t_cnt[0]) ts <= T_IDLE;        // 9, 10
            end
            default: ts <= T_IDLE;
            endcase
            if (session_reset) tb_send <= 16'd0;
        end
    end

    // ------------------------------------------------------------------
    // stream pointers, session, flags
    // ------------------------------------------------------------------
    assign rbm_re    = ex_pop;
    assign tbm_we    = ex_push;
    assign tbm_wdata = ex_pdata;
    assign session_reset = abort_req && ex_parked && (ts == T_IDLE);
    wire [15:0] h_ack_off   = r_ack - tb_ack;
    wire        rx_bad = ev_crc || ev_timeout || (ev_framing && rs_was_frame) || ev_drop;

    always @(posedge i_clk) begin
        rs_was_frame <= (rs != R_HUNT);
        if (i_rst) begin
            rb_rd <= {(RXAW+1){1'b0}}; rb_wr <= {(RXAW+1){1'b0}};
            tb_ack <= 16'd0; tb_wr <= {(TXAW+1){1'b0}};
            abort_req <= 1'b0; connected_due <= 1'b1; ack_due <= 1'b0; nak_due <= 1'b0;
            resend_due <= 1'b0;
        end else begin
            if (ex_pop)  rb_rd <= rb_rd + 1'b1;
            if (ex_push) tb_wr <= tb_wr + 1'b1;
            if (r_commit) rb_wr <= rb_tmp;
            // header news from the host
            if (ts == T_IDLE && resend_due) resend_due <= 1'b0;
            if (h_ack_valid) begin
                if (h_ack_off <= {{(15-TXAW){1'b0}}, tb_unacked}) tb_ack <= r_ack;
                if (r_flags[0]) resend_due <= 1'b1;
                if (r_flags[1]) abort_req  <= 1'b1;
            end
            // what the next frame must say (cleared as the frame says it)
            if (t_said_flags) begin
                nak_due <= 1'b0; connected_due <= 1'b0;
            end
            if (t_said_ack) ack_due <= 1'b0;
            if (r_commit || ev_dup || rx_bad || (ts == T_IDLE && resend_due)) ack_due <= 1'b1;
            if (rx_bad) nak_due <= 1'b1;
            // CONNECT: both streams restart at offset 0
            if (session_reset) begin
                rb_rd <= {(RXAW+1){1'b0}}; rb_wr <= {(RXAW+1){1'b0}};
                tb_ack <= 16'd0; tb_wr <= {(TXAW+1){1'b0}};
                abort_req <= 1'b0; connected_due <= 1'b1; ack_due <= 1'b1; nak_due <= 1'b0;
                resend_due <= 1'b0;
            end
        end
    end

    // ------------------------------------------------------------------
    // link counters (kept by the executor, in its bitmap RAM) and the error LED
    // ------------------------------------------------------------------
    wire lreg_clear;
    always @(posedge i_clk) begin
        if (i_rst || lreg_clear) o_error <= 1'b0;
        else if (ev_crc || ev_timeout || ev_framing || ev_drop || ev_badcmd) o_error <= 1'b1;
    end

    // ------------------------------------------------------------------
    // command executor
    // ------------------------------------------------------------------
    lc_link_exec #(
        .N(N), .M(M), .P(P), .CLK_HZ(CLK_HZ), .BAUD(BAUD), .RXB(RXB), .TXB(TXB),
        .RX_TIMEOUT_US(RX_TIMEOUT_US), .TX_HOLD_US(TX_HOLD_US), .LCNT_W(LCNT_W),
        .CORES(CORES), .D(D), .ROUTES(ROUTES)
    ) u_exec (
        .i_clk(i_clk), .i_rst(i_rst),
        .i_rx_avail(!rb_empty), .o_rx_pop(ex_pop), .i_rx_data(bm_rdata),
        .i_tx_room2(!tb_unacked[TXAW] && !(&tb_unacked[TXAW-1:0])), .i_tx_hold(rbm_we),
        .o_tx_push(ex_push), .o_tx_data(ex_pdata),
        .i_ev({ev_retx, ev_drop, ev_dup, ev_framing, ev_timeout, ev_resync, ev_crc, ev_ok}),
        .o_lreg_clear(lreg_clear),
        .o_bad_cmd(ev_badcmd),
        .i_abort(abort_req), .o_parked(ex_parked), .o_idle(ex_idle),
        .o_cfg_valid(o_cfg_valid), .o_cfg_write(o_cfg_write), .o_cfg_addr(o_cfg_addr),
        .o_cfg_tgt(o_cfg_tgt), .o_cfg_wdata(o_cfg_wdata), .i_cfg_ready(i_cfg_ready), .i_cfg_rvalid(i_cfg_rvalid),
        .i_cfg_rdata(i_cfg_rdata),
        .o_in_valid(o_in_valid), .o_in_idx(o_in_idx), .i_in_ready(i_in_ready),
        .o_step(o_step), .i_step_done(i_step_done),
        .i_out_valid(i_out_valid), .i_out_idx(i_out_idx));
    wire unused = &{1'b0, r_flags[6:2], t_crc[7:0], rb_wrap};   // rb_wrap: unused when RXB = 32768

`ifdef FORMAL
    // proof obligations of the stream buffers (tests/formal/lc_formal_link.v): a payload
    // byte is written before the UART delivers the next, only into free space, committed
    // bytes fit, the executor pops only what is there and pushes only where there is room
    reg f_reset_seen = 1'b0;
    always @(posedge i_clk) if (i_rst) f_reset_seen <= 1'b1;
    wire [RXAW:0] f_rx_used  = rb_wr - rb_rd;
    wire [RXAW:0] f_tmp_used = rb_tmp - rb_rd;
    always @(*) begin
        if (f_reset_seen && !i_rst) begin
            if (i_rx_valid) assert (!rbm_we);
            if (rx_wr) assert (f_tmp_used < RXB);
            assert (f_rx_used <= RXB);
            if (ex_pop) assert (!rb_empty);
            if (ex_push) assert (tb_unacked < TXB);
            assert (tb_unacked <= TXB);
        end
    end
`endif
endmodule

`default_nettype wire
