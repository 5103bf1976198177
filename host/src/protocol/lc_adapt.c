/* lc_adapt.c : the link's frame-size policy (lc_adapt.h)
 * SPDX-License-Identifier: MIT
 */
#include "lc_adapt.h"

#include <string.h>

/* the loss figure forgets by halves every HORIZON frames */
#define HORIZON 256.0

static void count(struct lc_adapt *a, enum lc_adapt_dir d, double ok, double lost)
{
    a->ok[d] += ok;
    a->lost[d] += lost;
    if (a->ok[d] + a->lost[d] >= 2 * HORIZON) {
        a->ok[d] *= 0.5;
        a->lost[d] *= 0.5;
    }
}

void lc_adapt_init(struct lc_adapt *a, unsigned max_payload)
{
    memset(a, 0, sizeof *a);
    a->max = max_payload < LC_ADAPT_MIN ? LC_ADAPT_MIN : max_payload;
    a->limit[LC_ADAPT_TX] = a->limit[LC_ADAPT_RX] = a->max;
}

void lc_adapt_ok(struct lc_adapt *a, enum lc_adapt_dir d, uint64_t n)
{
    uint64_t room = a->max - a->limit[d];
    if (n == 0)
        return;
    count(a, d, (double)n, 0);
    if (room == 0)
        return;
    a->grows++;
    a->limit[d] += n * LC_ADAPT_STEP >= room ? (unsigned)room : (unsigned)(n * LC_ADAPT_STEP);
}

void lc_adapt_fail(struct lc_adapt *a, enum lc_adapt_dir d)
{
    unsigned l = a->limit[d] / 2;
    count(a, d, 0, 1);
    if (l < LC_ADAPT_MIN)
        l = LC_ADAPT_MIN;
    if (l < a->limit[d])
        a->shrinks++;
    a->limit[d] = l;
}

unsigned lc_adapt_limit(const struct lc_adapt *a, enum lc_adapt_dir d)
{
    return a->limit[d];
}

unsigned lc_adapt_answers(const struct lc_adapt *a)
{
    /* no bound while device frames get through at full size: a backlog is then resent
     * whole, in full frames, but few of them are lost */
    return a->limit[LC_ADAPT_RX] >= a->max ? 0 : a->limit[LC_ADAPT_RX];
}

double lc_adapt_loss(const struct lc_adapt *a, enum lc_adapt_dir d)
{
    double all = a->ok[d] + a->lost[d];
    return all > 0 ? a->lost[d] / all : 0;
}
