/* lc_map.h : protocol constants and the configuration address map (format layer)
 * One header for what docs/protocol.md and docs/architecture.md fix: the frame
 * marker and flags, command opcodes, and the region bases of the core's
 * configuration address space. Used by the host engine, the emulated device,
 * the core test bench and the board tests; meant to be generated from one table.
 * SPDX-License-Identifier: MIT
 */
#ifndef LC_MAP_H
#define LC_MAP_H

#define LC_SOF 0xA5
#define LC_FLAG_DIR 0x80       /* 1: device to host */
#define LC_FLAG_RESEND 0x01    /* host: RESEND; device: NAK */
#define LC_FLAG_CONNECT 0x02   /* host: CONNECT; device: CONNECTED */
#define LC_HDR_LEN 11          /* SOF, FLAGS, SEQ, ACK, WIN, LEN, HCRC */
#define LC_MAX_PAYLOAD 255
#define LC_MAX_FRAME (LC_HDR_LEN + LC_MAX_PAYLOAD + 2)
#define LC_PROTOCOL_VERSION 1

/* command opcodes and item first bytes */
#define LC_OP_STEP_MAX_LIST 0xEF /* list records: K = 0..239 */
#define LC_OP_BITMAP 0xF0
#define LC_OP_IDENTIFY 0xF1
#define LC_OP_SYNC 0xF2
#define LC_OP_READ1 0xF8  /* READ, B = op - 0xF7 */
#define LC_OP_WRITE1 0xFC /* WRITE, B = op - 0xFB */
#define LC_ITEM_ERROR 0xFE
#define LC_IDENTIFY_LEN 24

/* region bases of the configuration address space (architecture.md) */
#define LC_REG_CORE 0x0000000u
#define LC_REG_PARAM 0x1000000u
#define LC_REG_STATE 0x2000000u
#define LC_REG_XIN 0x3000000u
#define LC_REG_SYN 0x4000000u
#define LC_REG_LINK 0xF000000u
#define LC_REG_REGION(addr) ((addr) & 0xF000000u) /* the region base of an address */

#endif /* LC_MAP_H */
