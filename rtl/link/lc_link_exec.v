// lc_link_exec.v : executes the host's command stream (docs/protocol.md) against lc_core
// Reads commands from the input buffer, drives the core's configuration, spike and step
// ports, and writes answers and one output spike record per step (list or bitmap, the
// shorter) to the output buffer. A step's spikes are gathered in a bitmap RAM first; the
// same RAM (16 bits wide) holds the link counters, incremented one event at a time.
// SPDX-License-Identifier: MIT
`default_nettype none
`include "lc_map.vh"

module lc_link_exec #(
    parameter integer N             = 64,        // core neurons
    parameter integer M             = 32,        // core input axons
    parameter integer P             = 4,         // core synapses per weight word
    parameter integer CLK_HZ        = 12000000,  // clock, Hz (IDENTIFY)
    parameter integer BAUD          = 3000000,   // UART bit rate, bit/s (IDENTIFY)
    parameter integer RXB           = 512,       // input buffer, bytes (IDENTIFY)
    parameter integer TXB           = 512,       // output buffer, bytes (IDENTIFY)
    parameter integer RX_TIMEOUT_US = 2000,      // inter-byte timeout, us (IDENTIFY)
    parameter integer TX_HOLD_US    = 1000,      // output frame fill wait, us (IDENTIFY)
    parameter integer LCNT_W        = 16,        // link counter width, bits (8..32)
    parameter integer CORES         = 1,         // cores behind the link (IDENTIFY; > 1: a system)
    parameter integer D             = 0,         // a system's largest route delay (IDENTIFY)
    parameter integer ROUTES        = 0          // a system's routing-table entries (IDENTIFY)
) (
    input  wire         i_clk,
    input  wire         i_rst,          // synchronous, active high
    // command stream: o_rx_pop takes a byte, i_rx_data holds it the next cycle
    input  wire         i_rx_avail,
    output wire         o_rx_pop,
    input  wire [7:0]   i_rx_data,
    // answer stream: one byte per o_tx_push, only while i_tx_room2 (the room counts
    // every push but the one made last cycle, hence 2)
    input  wire         i_tx_room2,     // at least 2 bytes free in the output buffer
    input  wire         i_tx_hold,      // pause pushes that can wait (the buffer's write port is wanted)
    output reg          o_tx_push,
    output reg  [7:0]   o_tx_data,
    // link counters (region 0xF): one-cycle event pulses from the frame layer,
    // {retransmit, dropped, dup, framing, timeout, resync, crc_err, rx_ok}
    input  wire [7:0]   i_ev,
    output reg          o_lreg_clear,   // pulse: the host cleared the link counters
    output reg          o_bad_cmd,      // pulse: an unknown opcode was skipped
    // session restart: park between commands while i_abort
    input  wire         i_abort,
    output wire         o_parked,
    output wire         o_idle,         // between commands (waiting for an opcode)
    // lc_core ports
    output reg          o_cfg_valid,
    output reg          o_cfg_write,
    output wire [27:0]  o_cfg_addr,
    output wire [3:0]   o_cfg_tgt,      // addr[31:28]: a system's target (core, router)
    output wire [31:0]  o_cfg_wdata,
    input  wire         i_cfg_ready,
    input  wire         i_cfg_rvalid,
    input  wire [31:0]  i_cfg_rdata,
    output reg          o_in_valid,
    output reg  [15:0]  o_in_idx,
    input  wire         i_in_ready,
    output wire         o_step,
    input  wire         i_step_done,
    input  wire         i_out_valid,
    input  wire [15:0]  i_out_idx
);
    // spike index spaces: one core's N and M, or a system's {core, neuron} and {core, axon}
    // (core c's neuron k is c * 2^clog2(N) + k, docs/protocol.md)
    localparam integer NI   = (CORES > 1) ? CORES * (1 << $clog2(N)) : N;
    localparam integer MI   = (CORES > 1) ? CORES * (1 << $clog2(M)) : M;
    localparam integer NB   = (NI + 7) / 8;                   // output bitmap bytes
    localparam integer MB   = (MI + 7) / 8;                   // input bitmap bytes
    localparam integer IB_N = (NI > 256) ? 2 : 1;             // bytes per neuron index
    localparam integer IB_M = (MI > 256) ? 2 : 1;             // bytes per axon index
    localparam integer SBW  = (NB > 1) ? $clog2(NB) : 1;      // bitmap RAM address
    // a step's output goes as a list while K * IB_N < NB and K < 240: K < LIM
    localparam integer LIM_I = ((NB + IB_N - 1) / IB_N < 240) ? (NB + IB_N - 1) / IB_N : 240;
    localparam integer KW    = $clog2(LIM_I + 1);             // spikes counted, 0..LIM
    localparam [KW-1:0] K_LIM = LIM_I[KW-1:0];
    localparam [2:0]   IBM_3  = IB_M[2:0];
    localparam integer MB_M1 = MB - 1;
    localparam integer MBW   = (MB > 1) ? $clog2(MB) : 1;     // input bitmap byte index bits
    localparam [MBW-1:0] MB_LAST = MB_M1[MBW-1:0];
    // the bitmap-and-counter RAM: bitmap bytes at words 0..NB-1, counter c at word CB+c
    localparam integer CB    = ((NB + 15) / 16) * 16;          // first counter word
    localparam integer XD    = CB + 16;                        // RAM words
    localparam integer XW    = $clog2(XD);                     // RAM address bits
    localparam integer XDW   = (LCNT_W > 8) ? LCNT_W : 8;      // RAM word bits
    localparam integer NB_M1 = NB - 1;
    localparam integer XD_M1 = XD - 1;
    localparam [XW-1:0] NB_LAST = NB_M1[XW-1:0];
    localparam [XW-1:0] XD_LAST = XD_M1[XW-1:0];
    localparam [XW-1:0] CB_X    = CB[XW-1:0];
    localparam [7:0]   OP_BITMAP = `LC_OP_BITMAP, OP_IDENT = `LC_OP_IDENTIFY, OP_SYNC = `LC_OP_SYNC,
                       OP_ERR = `LC_ITEM_ERROR;
    localparam [7:0]   ERR_BAD_OP = `LC_ITEM_ERR_BAD_OP;     // error item code: unknown opcode
    // one core: version 1, 0xF1 and 24 bytes; a system: version 2, 0xF1 and 30 bytes
    localparam [4:0]   IDN_LAST = (CORES > 1) ? `LC_IDENTIFY_LEN_SYS : `LC_IDENTIFY_LEN;
    localparam [7:0]   PROTO_VER = (CORES > 1) ? `LC_PROTOCOL_VERSION : `LC_PROTOCOL_VERSION_CORE;
    localparam [7:0]   MAX_PAY = `LC_MAX_PAYLOAD;
    localparam [7:0]   FEATURES = (8'd1 << `LC_FEATURE_STDP_BIT) | (8'd1 << `LC_FEATURE_HOMEOSTASIS_BIT) |
                                  (8'd1 << `LC_FEATURE_STREAMING_BIT);

    initial begin
        if (N < 2 || NI > 4096 || M < 1 || MI > 4096) $error("lc_link_exec: N 2..4096, M 1..4096 (a system's in all)");
        if (CORES < 1 || CORES > 15) $error("lc_link_exec: CORES 1..15 (the target is addr[31:28])");
        if (NB + 1 > TXB) $error("lc_link_exec: an output bitmap must fit the output buffer");
    end

    // ------------------------------------------------------------------
    // state
    // ------------------------------------------------------------------
    localparam [5:0] E_INIT = 6'd0,  E_OP = 6'd1,    E_OPD = 6'd2,   E_IDX = 6'd3,
                     E_IDXD = 6'd4,  E_INPUT = 6'd5, E_BMAP = 6'd6,  E_BMD = 6'd7,
                     E_BMBIT = 6'd8, E_STEP = 6'd9,  E_RUN = 6'd10,  E_FLUSH = 6'd11,
                     E_OWAIT = 6'd12, E_ORD = 6'd13, E_OBYTE = 6'd14, E_OLIST = 6'd15,
                     E_OHI = 6'd16,  E_ARG = 6'd17,  E_ARGD = 6'd18, E_RD = 6'd19,
                     E_RDW = 6'd20,  E_RDV = 6'd21,  E_WB = 6'd22,   E_WBD = 6'd23,
                     E_WX = 6'd24,   E_IDN = 6'd25,  E_SYNC = 6'd26, E_PUSH = 6'd27,
                     E_PARK = 6'd28, E_SYNCD = 6'd29, E_LRD = 6'd30, E_BAD = 6'd31;
    localparam [5:0] E_ADV = 6'd32;
    (* fsm_encoding = "none" *)
    reg  [5:0]  st;
    reg         w_last;              // WRITE: the value in progress is the last one; READ: no value is left
    reg  [7:0]  op;
    reg  [15:0] cnt;                 // values or indices left
    reg  [2:0]  bi;                  // byte within a value
    reg  [31:0] val;
    reg  [31:0] addr;                // bits 31..28 ignored; advanced a byte per cycle (E_ADV)
    reg         adv_c;               // carry of the byte-serial address advance
    reg         clr_req;             // the value just written clears the link counters
    reg  [7:0]  stride;
    reg  [2:0]  argc;
    reg  [7:0]  bits;                // bitmap byte being expanded
    reg  [1:0]  pn;                  // bytes left for E_PUSH
    reg  [4:0]  ci;                  // IDENTIFY byte (also a link constant's, see ci_const)
    reg         rd_const;            // READ of a link constant: its bytes come from idn
    wire        b_last = (bi[1:0] == op[1:0]);      // byte bi is the last of B = op[1:0] + 1
    wire        region_link = (addr[27:24] == `LC_REGION_LINK);

    // output capture: a step's spikes, one bitmap byte at a time, into a bitmap RAM
    reg  [KW-1:0]  k;                // spikes this step, counted up to K_LIM
    wire [7:0]     k8 = {{(8-KW){1'b0}}, k};
    wire           list_short = (k != K_LIM);
    reg  [SBW-1:0] acc_byte;
    reg  [7:0]     acc_bits;
    reg  [XW-1:0]  sb;               // bitmap RAM byte being read out, or RAM word cleared
    reg            clr_bm;           // E_INIT clears the bitmap only
    reg            list_mode;
    reg            sc_we;
    reg  [XW-1:0]  sc_waddr;
    reg  [XDW-1:0] sc_wdata;
    wire [XDW-1:0] sc_rdata;
    wire           sc_re;
    wire [XW-1:0]  sc_raddr;
    lc_ram_sdp #(.WIDTH(XDW), .DEPTH(XD)) u_bitmap (
        .i_clk(i_clk), .i_we(sc_we), .i_waddr(sc_waddr), .i_wdata(sc_wdata),
        .i_re(sc_re), .i_raddr(sc_raddr), .o_rdata(sc_rdata));

    // link counters: an event sets its pending bit; the updater reads the counter word,
    // writes it back plus one and rests a cycle (the write lands then), 3 cycles per event.
    // Events of one kind come at least a UART byte apart (bad_cmd: the sequencer waits).
    reg  [8:0]     pend;
    reg  [1:0]     us;               // updater: 0 idle, 1 read data valid, 2 write landing
    reg  [3:0]     ui;               // counter being incremented
    reg  [3:0]     pi;               // lowest pending counter
    integer q9;
    always @(*) begin
        pi = 4'd0;
        for (q9 = 8; q9 >= 0; q9 = q9 - 1)
            if (pend[q9]) pi = q9[3:0];
    end
    // the sequencer reads: bitmap read-out, a counter for READ (only while the updater rests)
    // offsets LC_LINK_COUNTERS (0x08)..0x0F, and LC_LINK_BAD_CMD (0x10)
    wire           lr_cnt  = (addr[5:3] == 3'd1) || (addr[5:0] == `LC_LINK_BAD_CMD);
    wire [3:0]     lr_idx  = addr[4] ? 4'd8 : {1'b0, addr[2:0]};
    wire           lr_rd   = (st == E_RD) && !w_last && region_link && lr_cnt && (us == 2'd0);
    wire           seq_rd  = (st == E_ORD) || lr_rd;
    wire           upd_rd  = (us == 2'd0) && (pend != 9'd0) && !seq_rd && (st != E_INIT);
    assign sc_re    = seq_rd || upd_rd;
    assign sc_raddr = (st == E_ORD) ? sb : (CB_X | {{(XW-4){1'b0}}, lr_rd ? lr_idx : pi});

    // lowest set bit of a byte
    function [2:0] low_bit(input [7:0] b);
        integer q;
        begin
            low_bit = 3'd0;
            for (q = 7; q >= 0; q = q - 1)
                if (b[q]) low_bit = q[2:0];
        end
    endfunction
    wire [2:0]  in_bit  = low_bit(bits);
    wire [7:0]  bits_next = bits & (bits - 8'd1);   // the lowest set bit cleared
    wire [2:0]  out_bit = low_bit(bits);
    wire [15:0] out_idx = {{(13-SBW){1'b0}}, sb[SBW-1:0], out_bit};

    // ------------------------------------------------------------------
    // combinational outputs
    // ------------------------------------------------------------------
    wire rx_wait = (st == E_OP) || (st == E_IDX) || (st == E_BMAP) || (st == E_ARG) ||
                   (st == E_WB) || (st == E_SYNC);
    assign o_rx_pop    = rx_wait && i_rx_avail && !i_abort;
    assign o_step      = (st == E_STEP) && i_cfg_ready;
    assign o_parked    = (st == E_PARK);
    assign o_idle      = (st == E_OP);
    assign o_cfg_addr  = addr[27:0];
    assign o_cfg_tgt   = addr[31:28];
    // addr + stride, byte argc[1:0] (E_ADV rotates addr right by a byte per cycle)
    wire [8:0]  adv_sum = {1'b0, addr[7:0]} + {1'b0, (argc[1:0] == 2'd0) ? stride : 8'd0} +
                          {8'd0, (argc[1:0] != 2'd0) && adv_c};
    assign o_cfg_wdata = val;
    // room for one more byte, and the buffer's write port is not wanted
    wire   tx_ok       = i_tx_room2 && !i_tx_hold;
    // states that wait on the host may be left for a CONNECT
    // (the output record's states wait for room byte by byte: leaving one clears the bitmap)
    wire   rec_wait    = (st == E_OWAIT) || (st == E_ORD) || (st == E_OLIST) || (st == E_OHI);
    wire   host_wait   = rx_wait || (st == E_PUSH) || (st == E_RDV) || (st == E_IDN) || rec_wait;

    // short items pushed by E_PUSH, last byte at pn = 1: READ header (op, count),
    // SYNC echo (OP_SYNC, tag in bits), error (OP_ERR, 1, op)
    wire      op_rd = (op[7:3] == 5'b11111);
    wire      op_sy = (op == OP_SYNC);
    reg [7:0] pbyte;
    always @(*) begin
        case (pn)
            2'd3:    pbyte = op_rd ? op : OP_ERR;
            2'd2:    pbyte = op_rd ? cnt[7:0] : op_sy ? OP_SYNC : ERR_BAD_OP;
            default: pbyte = op_rd ? cnt[15:8] : op_sy ? bits : op;
        endcase
    end

    // IDENTIFY answer, byte ci
    localparam [15:0] N_16 = N[15:0], M_16 = M[15:0], RXB_16 = RXB[15:0], TXB_16 = TXB[15:0];
    localparam [15:0] TO_16 = RX_TIMEOUT_US[15:0];
    localparam [15:0] HOLD_16 = TX_HOLD_US[15:0];
    localparam [7:0]  P_8 = P[7:0];
    localparam [31:0] CLK_32 = CLK_HZ, BAUD_32 = BAUD;
    localparam [15:0] C_16 = (CORES > 1) ? CORES[15:0] : 16'd0;   // one core: no such bytes
    localparam [15:0] D_16 = (CORES > 1) ? D[15:0] : 16'd0;
    localparam [15:0] RT_16 = (CORES > 1) ? ROUTES[15:0] : 16'd0;
    reg [7:0]  idn;
    // link registers 0x00..0x07 are read from the IDENTIFY table: ci_const is the index of
    // a register's low byte there (version, features, CLK_HZ, BAUD, RXB, TXB, RX_TIMEOUT),
    // 31 (a zero byte) for the rest; ci_end: the register's last byte (zeros follow)
    reg [4:0]  ci_const;
    always @(*) begin
        case (addr[5:0])
            `LC_LINK_VERSION:       ci_const = 5'd1;
            `LC_LINK_FEATURES:      ci_const = 5'd2;
            `LC_LINK_CLK_HZ:        ci_const = 5'd9;
            `LC_LINK_BAUD:          ci_const = 5'd13;
            `LC_LINK_RXB:           ci_const = 5'd17;
            `LC_LINK_TXB:           ci_const = 5'd19;
            `LC_LINK_RX_TIMEOUT_US: ci_const = 5'd21;
            default: ci_const = 5'd31;
        endcase
    end
    wire ci_end = (ci == 5'd1) || (ci == 5'd2) || (ci == 5'd12) || (ci == 5'd16) ||
                  (ci == 5'd18) || (ci == 5'd20) || (ci == 5'd22) || (ci[4:3] == 2'b11);
    always @(*) begin
        case (ci)
            5'd0:  idn = OP_IDENT;
            5'd1:  idn = PROTO_VER;             // protocol version
            5'd2:  idn = FEATURES;              // features
            5'd3:  idn = N_16[7:0];
            5'd4:  idn = N_16[15:8];
            5'd5:  idn = M_16[7:0];
            5'd6:  idn = M_16[15:8];
            5'd7:  idn = P_8;
            5'd8:  idn = MAX_PAY;               // largest payload
            5'd9:  idn = CLK_32[7:0];
            5'd10: idn = CLK_32[15:8];
            5'd11: idn = CLK_32[23:16];
            5'd12: idn = CLK_32[31:24];
            5'd13: idn = BAUD_32[7:0];
            5'd14: idn = BAUD_32[15:8];
            5'd15: idn = BAUD_32[23:16];
            5'd16: idn = BAUD_32[31:24];
            5'd17: idn = RXB_16[7:0];
            5'd18: idn = RXB_16[15:8];
            5'd19: idn = TXB_16[7:0];
            5'd20: idn = TXB_16[15:8];
            5'd21: idn = TO_16[7:0];
            5'd22: idn = TO_16[15:8];
            5'd23: idn = HOLD_16[7:0];
            5'd24: idn = HOLD_16[15:8];
            5'd25: idn = C_16[7:0];             // a system's (version 2): cores, D, ROUTES
            5'd26: idn = C_16[15:8];
            5'd27: idn = D_16[7:0];
            5'd28: idn = D_16[15:8];
            5'd29: idn = RT_16[7:0];
            5'd30: idn = RT_16[15:8];
            default: idn = 8'd0;
        endcase
    end

    // RAM writes, highest priority first: capture of a step's spikes (cannot wait),
    // the counter updater, the sequencer (its writing states wait for a free cycle)
    wire [7:0] out_hot = 8'd1 << i_out_idx[2:0];
    wire cap_byte = (i_out_idx[SBW+2:3] != acc_byte);
    wire cap_wr   = !o_step && (i_out_valid ? cap_byte : (st == E_FLUSH));
    wire upd_wr   = (us == 2'd1) && !cap_wr;

    // ------------------------------------------------------------------
    // sequencer
    // ------------------------------------------------------------------
    always @(posedge i_clk) begin
        o_tx_push    <= 1'b0;
        o_lreg_clear <= 1'b0;
        o_bad_cmd    <= 1'b0;
        sc_we        <= 1'b0;
        if (i_rst) begin
            st <= E_INIT; sb <= {XW{1'b0}}; clr_bm <= 1'b0; op <= 8'd0; clr_req <= 1'b0;
            o_cfg_valid <= 1'b0; o_in_valid <= 1'b0;
        end else if (i_abort && host_wait && st != E_OP) begin
            // CONNECT: drop the command in progress; the bitmap RAM may hold a step
            st <= rec_wait ? E_INIT : E_PARK;
            sb <= {XW{1'b0}}; clr_bm <= 1'b1;
        end else begin
            case (st)
            // clear RAM words sb.. : the bitmap (clr_bm), or the counters, or both (reset)
            E_INIT: if (!upd_wr) begin
                sc_we <= 1'b1; sc_waddr <= sb; sc_wdata <= {XDW{1'b0}};
                sb <= sb + 1'b1;
                // then back to a WRITE whose value cleared the counters, or to the next opcode
                if (sb == XD_LAST || (clr_bm && sb == NB_LAST))
                    st <= (!clr_bm && op[7:2] == 6'b111111 && !w_last) ? E_WB : E_OP;
            end
            E_PARK: if (!i_abort) st <= E_OP;
            // ---- opcode
            E_OP: begin
                if (i_abort)         st <= E_PARK;
                else if (i_rx_avail) st <= E_OPD;
            end
            E_OPD: begin
                op <= i_rx_data;
                bi <= 3'd0;
                if (i_rx_data < OP_BITMAP) begin
                    cnt <= {8'd0, i_rx_data};
                    st  <= (i_rx_data == 8'd0) ? E_STEP : E_IDX;
                end else if (i_rx_data == OP_BITMAP) begin
                    o_in_idx <= 16'd0;      // bits 15..3: the bitmap byte
                    st  <= E_BMAP;
                end else if (i_rx_data == OP_IDENT) begin
                    ci <= 5'd0; rd_const <= 1'b1; st <= E_IDN;
                end else if (i_rx_data == OP_SYNC) begin
                    st <= E_SYNC;
                end else if (i_rx_data[7:3] == 5'b11111) begin
                    argc <= 3'd0; st <= E_ARG;
                end else begin
                    st <= E_BAD;
                end
            end
            // ---- STEP, list: indices of IB_M bytes
            E_IDX:  if (i_rx_avail) st <= E_IDXD;
            E_IDXD: begin
                if (bi == 3'd0) o_in_idx[7:0]  <= i_rx_data;
                else            o_in_idx[15:8] <= i_rx_data;
                if (IB_M == 1) o_in_idx[15:8] <= 8'd0;
                bi <= bi + 1'b1;
                if (bi + 3'd1 == IBM_3) begin
                    bi <= 3'd0; o_in_valid <= 1'b1; st <= E_INPUT;
                end else begin
                    st <= E_IDX;
                end
            end
            E_INPUT: if (i_in_ready) begin
                o_in_valid <= 1'b0;
                cnt <= cnt - 1'b1;
                st  <= (cnt == 16'd1) ? E_STEP : E_IDX;
            end
            // ---- STEP, bitmap of MB bytes
            E_BMAP: if (i_rx_avail) st <= E_BMD;
            E_BMD: begin
                bits <= i_rx_data; st <= E_BMBIT;
            end
            E_BMBIT: begin
                if (o_in_valid) begin
                    if (i_in_ready) begin
                        o_in_valid <= 1'b0;
                        bits <= bits_next;
                    end
                end else if (bits != 8'd0) begin
                    o_in_valid <= 1'b1;
                    o_in_idx[2:0] <= in_bit;
                end else begin
                    o_in_idx[MBW+2:3] <= o_in_idx[MBW+2:3] + 1'b1;
                    st    <= (o_in_idx[MBW+2:3] == MB_LAST) ? E_STEP : E_BMAP;
                end
            end
            // ---- run the step, capture its output (see below), write the record
            E_STEP: if (i_cfg_ready) st <= E_RUN;
            E_RUN:  if (i_step_done) st <= E_FLUSH;
            E_FLUSH: begin
                list_mode <= list_short;
                sb <= {XW{1'b0}};
                st <= E_OWAIT;
            end
            E_OWAIT: if (tx_ok) begin
                o_tx_push <= 1'b1;
                o_tx_data <= list_mode ? k8 : OP_BITMAP;
                st <= E_ORD;
            end
            E_ORD: st <= E_OBYTE;                           // bitmap RAM read of byte sb
            E_OBYTE: if (!upd_wr) begin
                sc_we <= 1'b1; sc_waddr <= sb; sc_wdata <= {XDW{1'b0}};   // clear behind the read
                bits  <= sc_rdata[7:0];
                st    <= E_OLIST;
            end
            // the byte as it is (bitmap), or its spikes' indices (list)
            E_OLIST: begin
                if (!list_mode) begin
                    if (tx_ok) begin
                        o_tx_push <= 1'b1; o_tx_data <= bits;
                        sb <= sb + 1'b1;
                        st <= (sb == NB_LAST) ? E_OP : E_ORD;
                    end
                end else if (bits == 8'd0) begin
                    sb <= sb + 1'b1;
                    st <= (sb == NB_LAST) ? E_OP : E_ORD;
                end else if (tx_ok) begin
                    o_tx_push <= 1'b1; o_tx_data <= out_idx[7:0];
                    if (IB_N == 2) o_in_idx <= out_idx;     // keep the high byte for E_OHI
                    bits <= bits_next;
                    if (IB_N == 2) st <= E_OHI;
                end
            end
            E_OHI: if (IB_N == 2 && tx_ok) begin
                o_tx_push <= 1'b1; o_tx_data <= o_in_idx[15:8];
                st <= E_OLIST;
            end
            // ---- READ / WRITE arguments: addr (4), stride (1), count (2)
            E_ARG: if (i_rx_avail) st <= E_ARGD;
            E_ARGD: begin
                case (argc)
                    3'd0, 3'd1, 3'd2, 3'd3: addr <= {i_rx_data, addr[31:8]};  // little endian
                    3'd4: stride      <= i_rx_data;
                    3'd5: cnt[7:0]    <= i_rx_data;
                    default: begin
                        cnt[15:8] <= i_rx_data;
                        w_last    <= ({i_rx_data, cnt[7:0]} == 16'd0);   // READ of no value
                    end
                endcase
                argc <= argc + 1'b1;
                if (argc == 3'd6) begin
                    if (!op[2]) begin               // READ: answer header, then values
                        pn <= 2'd3;
                        st   <= E_PUSH;
                    end else begin
                        st <= ({i_rx_data, cnt[7:0]} == 16'd0) ? E_OP : E_WB;
                    end
                end else begin
                    st <= E_ARG;
                end
            end
            E_RD: begin
                bi <= 3'd0;
                if (w_last) begin
                    st <= E_OP;
                end else if (region_link) begin
                    if (!lr_cnt) begin
                        ci <= ci_const; rd_const <= 1'b1; st <= E_RDV;
                    end else if (lr_rd) begin
                        st <= E_LRD;            // counter word read this cycle
                    end
                end else if (o_cfg_valid) begin
                    if (i_cfg_ready) begin
                        o_cfg_valid <= 1'b0; st <= E_RDW;
                    end
                end else begin
                    o_cfg_valid <= 1'b1; o_cfg_write <= 1'b0;
                end
            end
            E_LRD: begin
                val <= {{(32-XDW){1'b0}}, sc_rdata}; rd_const <= 1'b0; st <= E_RDV;
            end
            E_RDW: if (i_cfg_rvalid) begin
                val <= i_cfg_rdata; rd_const <= 1'b0; st <= E_RDV;
            end
            E_RDV: if (tx_ok) begin
                o_tx_push <= 1'b1; o_tx_data <= rd_const ? idn : val[7:0];
                val <= {8'd0, val[31:8]};
                ci  <= ci_end ? 5'd31 : ci + 1'b1;
                bi  <= bi + 1'b1;
                if (b_last) begin
                    cnt  <= cnt - 1'b1; w_last <= (cnt == 16'd1);
                    argc <= 3'd0; st <= E_ADV;
                end
            end
            E_WB:  if (i_rx_avail) st <= E_WBD;
            E_WBD: begin                        // bytes enter at the top, little endian
                val <= {i_rx_data, val[31:8]};
                bi  <= bi + 1'b1;
                st  <= b_last ? E_WX : E_WB;
            end
            E_WX: if (bi != 3'd4) begin         // zero-extend: shift the value down to bit 0
                val <= {8'd0, val[31:8]};
                bi  <= bi + 1'b1;
            end else begin
                if (region_link || (o_cfg_valid && i_cfg_ready)) begin
                    o_cfg_valid <= 1'b0;
                    cnt  <= cnt - 1'b1; bi <= 3'd0;
                    argc <= 3'd0; w_last <= (cnt == 16'd1); st <= E_ADV;
                    if (region_link && addr[5:0] == `LC_LINK_CMD &&
                        val[`LC_LINK_CMD_CLEAR_COUNTERS_BIT]) begin    // clear the counters
                        o_lreg_clear <= 1'b1; clr_req <= 1'b1;
                    end
                end else if (!o_cfg_valid) begin
                    o_cfg_valid <= 1'b1; o_cfg_write <= 1'b1;
                end
            end
            // next address: addr + stride, a byte per cycle, once the core has taken the
            // request (it keeps no copy of address and data); then the counter clear
            E_ADV: if (i_cfg_ready) begin
                addr  <= {adv_sum[7:0], addr[31:8]};
                adv_c <= adv_sum[8];
                argc  <= argc + 1'b1;
                if (argc[1:0] == 2'd3) begin
                    if (clr_req) begin
                        clr_req <= 1'b0; sb <= CB_X; clr_bm <= 1'b0; st <= E_INIT;
                    end else begin
                        st <= !op[2] ? E_RD : w_last ? E_OP : E_WB;
                    end
                end
            end
            // ---- IDENTIFY, SYNC, pushes
            E_IDN: if (tx_ok) begin
                o_tx_push <= 1'b1; o_tx_data <= rd_const ? idn : val[7:0];   // as E_RDV's
                ci <= ci + 1'b1;
                if (ci == IDN_LAST) st <= E_OP;
            end
            // unknown opcode: counted (after the previous one), error item
            E_BAD: if (!pend[8] && !o_bad_cmd) begin
                o_bad_cmd <= 1'b1;
                pn <= 2'd3;
                st   <= E_PUSH;
            end
            E_SYNC: if (i_rx_avail) st <= E_SYNCD;
            E_SYNCD: begin
                bits <= i_rx_data; pn <= 2'd2;
                st   <= E_PUSH;
            end
            E_PUSH: if (tx_ok) begin
                o_tx_push <= 1'b1; o_tx_data <= pbyte;
                pn   <= pn - 1'b1;
                if (pn == 2'd1) st <= op_rd ? E_RD : E_OP;   // READ: the values follow
            end
            default: st <= E_OP;
            endcase
        end

        // ---- counter updater (its write wins over the sequencer's, loses to the capture's)
        if (upd_rd) begin
            us <= 2'd1; ui <= pi;
        end else if (upd_wr) begin
            sc_we <= 1'b1; sc_waddr <= CB_X | {{(XW-4){1'b0}}, ui}; sc_wdata <= sc_rdata + 1'b1;
            us <= 2'd2;
        end else if (us == 2'd2) begin
            us <= 2'd0;
        end
        pend <= (pend & ~({8'd0, upd_rd} << pi)) | {o_bad_cmd, i_ev};
        if (i_rst) begin
            pend <= 9'd0; us <= 2'd0;
        end

        // ---- output capture (runs beside the sequencer)
        // (acc_bits may be 0: writing it is harmless, every bitmap byte is 0 before a step)
        if (o_step) begin
            k <= {KW{1'b0}}; acc_byte <= {SBW{1'b0}}; acc_bits <= 8'd0;
        end else if (i_out_valid) begin
            if (list_short) k <= k + 1'b1;
            acc_bits <= out_hot | (cap_byte ? 8'd0 : acc_bits);
            acc_byte <= i_out_idx[SBW+2:3];
        end
        if (cap_wr) begin
            sc_we <= 1'b1; sc_waddr <= {{(XW-SBW){1'b0}}, acc_byte};
            sc_wdata <= {{(XDW-8){1'b0}}, acc_bits};
        end
    end
    wire unused = &{1'b0, i_out_idx[15:SBW+3],
                    sc_rdata[XDW-1:0]};
endmodule

`default_nettype wire
