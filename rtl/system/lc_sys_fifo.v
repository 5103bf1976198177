// lc_sys_fifo.v : a small first-in first-out queue with a combinational head
// The router's per-core queue of output spikes: a core emits at most one spike a cycle
// without backpressure, the merge drains the cores one after the other (distributed RAM).
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_sys_fifo #(
    parameter integer WIDTH = 12,   // bits per entry
    parameter integer DEPTH = 64    // entries (rounded up to a power of two)
) (
    input  wire             i_clk,
    input  wire             i_rst,      // synchronous: empties the queue
    input  wire             i_push,     // ignored when full (the router sizes it never to be)
    input  wire [WIDTH-1:0] i_data,
    input  wire             i_pop,      // ignored when empty
    output wire [WIDTH-1:0] o_head,     // the oldest entry, valid when !o_empty
    output wire             o_empty
);
    localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    reg [WIDTH-1:0] mem [0:(1 << AW) - 1];
    reg [AW:0]      rd, wr;

    assign o_empty = (rd == wr);
    assign o_head  = mem[rd[AW-1:0]];

    wire full = (rd[AW-1:0] == wr[AW-1:0]) && (rd[AW] != wr[AW]);

    always @(posedge i_clk) begin
        if (i_push && !full) begin
            mem[wr[AW-1:0]] <= i_data;
            wr <= wr + 1'b1;
        end
        if (i_pop && !o_empty)
            rd <= rd + 1'b1;
        if (i_rst) begin
            rd <= {(AW + 1){1'b0}};
            wr <= {(AW + 1){1'b0}};
        end
    end
endmodule

`default_nettype wire
