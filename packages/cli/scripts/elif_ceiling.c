/*
 * The C ceiling of `synapticflow bench`: ELIF (default parameters, traces off, steps-mode refractory) written
 * by hand, built with -O3 -ffast-math -march=native, with the same degree-5 polynomial exp as the wasm
 * backend's fast mode so the compiler can vectorise the loop. Threads split neurons with OpenMP.
 * Usage: elif_ceiling n steps reps; prints one line "rate <median> <min> <max>" in updates per second.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline float exp_poly(float x) {
  x = x < -87.3f ? -87.3f : (x > 89.0f ? 89.0f : x);
  float k = __builtin_roundf(x * 1.44269504f);
  float r = x - k * 0.693359375f - k * -2.1219444e-4f;
  float p = 0.00831253325f;
  p = p * r + 0.0418901253f;
  p = p * r + 0.166671144f;
  p = p * r + 0.499992317f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t bits = ((int32_t)k + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

static void run(float *restrict v, float *restrict refractory, uint8_t *restrict spikes,
                const float *restrict input, long n, long steps) {
  const float tau = 10, threshold = -52, thetaRh = -60, deltaT = 1, rest = -62, reset = -62, R = 20, dt = 0.1f;
  for (long k = 0; k < steps; k++) {
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
      float u = v[i];
      float r = refractory[i];
      float moved = u + ((R * input[i] + rest - u + deltaT * exp_poly((u - thetaRh) / deltaT)) / tau) * dt;
      u = r > 0 ? u : moved;
      int s = u >= threshold;
      float counted = r - 1 > 0 ? r - 1 : 0;
      refractory[i] = s ? 50.0f : counted;
      spikes[i] = (uint8_t)s;
      v[i] = s ? reset : u;
    }
  }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: elif_ceiling n steps reps\n");
    return 2;
  }
  long n = atol(argv[1]), steps = atol(argv[2]), reps = atol(argv[3]);
  if (n < 1 || steps < 1 || reps < 1 || reps > 1000) return 2;
  float *v = malloc(n * sizeof *v), *refractory = malloc(n * sizeof *refractory), *input = malloc(n * sizeof *input);
  uint8_t *spikes = malloc(n);
  double *rates = malloc(reps * sizeof *rates);
  for (long i = 0; i < n; i++) {
    v[i] = -62;
    refractory[i] = 0;
    input[i] = (float)i / n;
  }
  run(v, refractory, spikes, input, n, steps); /* warm-up */
  for (long r = 0; r < reps; r++) {
    double start = now();
    run(v, refractory, spikes, input, n, steps);
    rates[r] = (double)n * steps / (now() - start);
  }
  qsort(rates, reps, sizeof *rates, by_value);
  printf("rate %.6e %.6e %.6e\n", rates[reps / 2], rates[0], rates[reps - 1]);
  return 0;
}
