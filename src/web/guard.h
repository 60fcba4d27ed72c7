/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WEB_GUARD_H
#define FK_WEB_GUARD_H
/* Slow clients: every open connection of the server, from its TCP peer, is known here
 * with the time since which it has been waiting for a request's headers. A connection
 * that takes longer than GUARD_HEADER_SECONDS to send its headers is shut down; when one
 * address has more than GUARD_WAITING_PER_PEER connections waiting (or all addresses
 * more than GUARD_WAITING_ALL), the one that has waited longest is shut down, so a new,
 * normal request always finds room. Request bodies being received are counted per client
 * (the real client behind the trusted proxy): more than GUARD_BUSY_PER_CLIENT at once are
 * refused with 429. Answers being sent do not count: a busy office may fetch many pages
 * at once.
 *
 * A connection is shut down (shutdown(2), never closed) under the guard's mutex; the
 * server's close notification takes the same mutex before libmicrohttpd closes the
 * socket, so a descriptor reused by a new connection is never touched. */
#include <stdbool.h>
#include <sys/socket.h>
#include <time.h>

#define GUARD_HEADER_SECONDS 10
#define GUARD_WAITING_PER_PEER 64
#define GUARD_WAITING_ALL 700
#define GUARD_BUSY_PER_CLIENT 32

struct guard_conn;

/* Starts and stops the watchdog thread that enforces the header deadline. */
void guard_start(void);
void guard_stop(void);
/* A new connection on socket fd from peer sa (may be NULL); never NULL. May shut down
 * older waiting connections. */
struct guard_conn *guard_open(int fd, const struct sockaddr *sa);
/* The connection is gone (called before its socket is closed); g may be NULL. */
void guard_close(struct guard_conn *g);
/* The headers of a request on g are in, from client (the peer or the forwarded address),
 * and its body is being received: false when that client already has
 * GUARD_BUSY_PER_CLIENT bodies being received (the request is then not counted). g may be
 * NULL (true). */
bool guard_busy(struct guard_conn *g, const char *client);
/* The request's body is in (it is being answered now). g may be NULL. */
void guard_read(struct guard_conn *g);
/* The request on g is done; the connection waits for the next one. g may be NULL. */
void guard_idle(struct guard_conn *g);
/* For tests and the status page: connections open and waiting for headers. */
void guard_counts(unsigned *open, unsigned *waiting);
#endif
