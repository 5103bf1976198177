// lc_formal_fifo.v : proof harness for lc_sys_fifo against a shift-register queue
// The solver pushes, pops and resets at will. Proven: the queue never holds more than
// DEPTH entries, a push into a full queue and a pop from an empty one change nothing,
// and the head is always the oldest entry kept: no entry lost, duplicated or reordered.
// SPDX-License-Identifier: MIT
`default_nettype none

module lc_formal_fifo #(
    parameter integer WIDTH = 4,   // bits per entry (few: the order is what is proven)
    parameter integer DEPTH = 4    // entries, a power of two
) (
    input wire             clk,
    // what the solver drives
    input wire             i_rst,
    input wire             i_push,
    input wire [WIDTH-1:0] i_data,
    input wire             i_pop
);
    reg init = 1'b1;
    always @(posedge clk) init <= 1'b0;
    wire rst = init || i_rst;

    wire [WIDTH-1:0] head;
    wire             empty;
    lc_sys_fifo #(.WIDTH(WIDTH), .DEPTH(DEPTH)) u_fifo (
        .i_clk(clk), .i_rst(rst), .i_push(i_push), .i_data(i_data), .i_pop(i_pop),
        .o_head(head), .o_empty(empty));

    // reference: q[0] is the oldest of n entries
    reg [WIDTH-1:0] q [0:DEPTH-1];
    reg [$clog2(DEPTH):0] n;
    wire full = (n == DEPTH);
    wire pop  = i_pop && n != 0;
    wire push = i_push && !full;
    integer k;
    always @(posedge clk) begin
        if (rst) begin
            n <= 0;
        end else begin
            for (k = 0; k < DEPTH; k = k + 1)
                if (pop) q[k] <= (k + 1 < DEPTH) ? q[k + 1] : q[k];
            if (push)
                q[n - (pop ? 1 : 0)] <= i_data;
            n <= n + (push ? 1 : 0) - (pop ? 1 : 0);
        end
    end

    always @(*) begin
        if (!init) begin
            assert (n <= DEPTH);
            assert (empty == (n == 0));
            if (!empty) assert (head == q[0]);
        end
    end
endmodule

`default_nettype wire
