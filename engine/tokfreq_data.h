/* tokfreq_data.h: placeholder until bench/gen_tokfreq regenerates it from the bundled lists. */
#define NSC_TOKFREQ_RARE 5u
#define NSC_TOKFREQ_MAX 1000u
static const struct { const char *tok; unsigned count; } nsc__tokfreq[] = { { "", 0 } };
