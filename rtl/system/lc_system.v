// lc_system.v : a system of C cores of one geometry joined by the on-chip spike router
// The cores step in parallel on the same step; before it the router feeds each core the
// arrivals of the step, during it the router merges and routes their output spikes; the
// step ends when the slowest core has ended and every spike is routed. See README.md.
// SPDX-License-Identifier: MIT
`default_nettype none

// Configuration: i_cfg_addr = {target, offset[27:0]}; target c < C is core c (its own
// address map, docs/architecture.md), target C the router (lc_sys_router.v), any other
// target reads 0 and ignores writes. Input spikes (while idle) name a core and an axon.
// Output spikes are tagged with their core, ascending in (core, neuron).
module lc_system #(
    parameter integer C       = 2,    // cores, 1..255
    parameter integer N       = 64,   // neurons per core, 2..4096
    parameter integer M       = 32,   // input axons per core, 1..4096
    parameter integer P       = 4,    // synapses per weight word (lanes), 1..16
    parameter integer COMPACT = 0,    // 1: the compact core variant
    parameter integer D       = 16,   // largest route delay, steps, 2..256
    parameter integer ROUTES  = 256,  // routing-table capacity, entries, 1..65535
    parameter integer CNT_W   = 48    // bits of the cores' statistics counters, 33..64
) (
    input  wire              i_clk,
    input  wire              i_rst,          // synchronous, active high
    // configuration bus: {target, core offset}
    input  wire              i_cfg_valid,
    input  wire              i_cfg_write,
    input  wire [TW+27:0]    i_cfg_addr,
    input  wire [31:0]       i_cfg_wdata,
    output wire              o_cfg_ready,
    output wire              o_cfg_rvalid,
    output wire [31:0]       o_cfg_rdata,
    // external input spikes for the next step (accepted while idle)
    input  wire              i_in_valid,
    input  wire [CW-1:0]     i_in_core,
    input  wire [15:0]       i_in_idx,
    output wire              o_in_ready,
    // step control
    input  wire              i_step,         // accepted when !o_busy
    output wire              o_busy,
    output reg               o_step_done,
    // output spikes tagged with their core, ascending, at most one a cycle
    output wire              o_out_valid,
    output wire [CW-1:0]     o_out_core,
    output wire [15:0]       o_out_idx
);
    localparam integer CW = (C > 1) ? $clog2(C) : 1;   // core index
    localparam integer TW = $clog2(C + 1);             // configuration target
    localparam [TW-1:0] T_ROUTER = C[TW-1:0];
    localparam [CW:0]   C_W      = C[CW:0];
    localparam [1:0]    Y_IDLE = 2'd0, Y_FEED = 2'd1, Y_WAIT = 2'd2, Y_RUN = 2'd3;

    reg  [1:0]       state;
    wire             idle = (state == Y_IDLE);
    wire [TW-1:0]    tsel = i_cfg_addr[TW+27:28];
    wire [27:0]      coff = i_cfg_addr[27:0];

    // the cores
    wire [C-1:0]     k_cfg_ready, k_rvalid, k_in_ready, k_busy, k_done, k_out_valid;
    wire [C*32-1:0]  k_rdata;
    wire [C*16-1:0]  k_out_idx;
    wire [C-1:0]     r_in_valid;
    wire [C*16-1:0]  r_in_idx;
    wire             k_step = (state == Y_WAIT) && (&k_cfg_ready);
    reg  [31:0]      rdata_or;
    genvar g;
    generate
        for (g = 0; g < C; g = g + 1) begin : g_core
            wire sel_cfg = (tsel == g);
            wire sel_in  = ({1'b0, i_in_core} == g);
            lc_core #(.N(N), .M(M), .P(P), .COMPACT(COMPACT), .CNT_W(CNT_W)) u_core (
                .i_clk(i_clk), .i_rst(i_rst),
                .i_cfg_valid(i_cfg_valid && idle && sel_cfg), .i_cfg_write(i_cfg_write),
                .i_cfg_addr(coff), .i_cfg_wdata(i_cfg_wdata),
                .o_cfg_ready(k_cfg_ready[g]), .o_cfg_rvalid(k_rvalid[g]),
                .o_cfg_rdata(k_rdata[g*32 +: 32]),
                .i_in_valid((state == Y_FEED) ? r_in_valid[g] : (idle && i_in_valid && sel_in)),
                .i_in_idx((state == Y_FEED) ? r_in_idx[g*16 +: 16] : i_in_idx),
                .o_in_ready(k_in_ready[g]),
                .i_step(k_step), .o_busy(k_busy[g]), .o_step_done(k_done[g]),
                .o_out_valid(k_out_valid[g]), .o_out_idx(k_out_idx[g*16 +: 16]));
        end
    endgenerate

    // the router
    wire        r_cfg_ready, r_rvalid, r_feed_done, r_run_done, r_busy;
    wire [31:0] r_rdata;
    wire        feed = idle && i_step && !o_busy;
    lc_sys_router #(.C(C), .N(N), .M(M), .D(D), .ROUTES(ROUTES)) u_router (
        .i_clk(i_clk), .i_rst(i_rst),
        .i_cfg_valid(i_cfg_valid && idle && tsel == T_ROUTER), .i_cfg_write(i_cfg_write),
        .i_cfg_addr(coff), .i_cfg_wdata(i_cfg_wdata), .o_cfg_ready(r_cfg_ready),
        .o_cfg_rvalid(r_rvalid), .o_cfg_rdata(r_rdata),
        .i_feed(feed), .o_feed_done(r_feed_done), .o_in_valid(r_in_valid), .o_in_idx(r_in_idx),
        .i_in_ready(k_in_ready),
        .i_run(k_step), .i_out_valid(k_out_valid), .i_out_idx(k_out_idx), .i_done(k_done),
        .o_run_done(r_run_done),
        .o_out_valid(o_out_valid), .o_out_core(o_out_core), .o_out_idx(o_out_idx),
        .o_busy(r_busy));

    // configuration: the addressed target's handshake; other targets answer 0 at once
    reg         bad_rvalid;
    wire        t_core = ({1'b0, tsel} < {{(TW - CW){1'b0}}, C_W});
    wire [CW-1:0] tsel_c = tsel[CW-1:0];
    assign o_cfg_ready  = idle && (t_core ? k_cfg_ready[tsel_c]
                                          : (tsel == T_ROUTER) ? r_cfg_ready : 1'b1);
    assign o_cfg_rvalid = (|k_rvalid) || r_rvalid || bad_rvalid;
    integer c;
    always @(*) begin
        rdata_or = r_rvalid ? r_rdata : 32'd0;
        for (c = 0; c < C; c = c + 1)
            if (k_rvalid[c])
                rdata_or = rdata_or | k_rdata[c*32 +: 32];
    end
    assign o_cfg_rdata = rdata_or;

    // inputs: the addressed core's handshake; a core that does not exist drops them
    wire in_core_ok = ({1'b0, i_in_core} < C_W);
    assign o_in_ready = idle && (in_core_ok ? k_in_ready[i_in_core] : 1'b1);
    assign o_busy     = !idle || (|k_busy) || r_busy;

    always @(posedge i_clk) begin
        o_step_done <= 1'b0;
        bad_rvalid  <= i_cfg_valid && idle && !i_cfg_write && !t_core && (tsel != T_ROUTER);
        case (state)
        Y_IDLE: if (feed) state <= Y_FEED;
        Y_FEED: if (r_feed_done) state <= Y_WAIT;
        Y_WAIT: if (k_step) state <= Y_RUN;
        Y_RUN: begin
            if (r_run_done) begin
                state       <= Y_IDLE;
                o_step_done <= 1'b1;
            end
        end
        default: state <= Y_IDLE;
        endcase
        if (i_rst) begin
            state       <= Y_IDLE;
            o_step_done <= 1'b0;
            bad_rvalid  <= 1'b0;
        end
    end
endmodule

`default_nettype wire
