package io.intelligencesuite.local.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A thin wrapper over {@link SplittableRandom} with the draws the simulation needs.
 *
 * <p>Every part of the simulation gets its own stream, split from the root in a fixed order, so
 * adding draws in one part (say, more GA4 noise) does not shift the random numbers of another (say,
 * billing). That is what keeps a seed's output stable while the generator evolves.
 */
final class Rng {
  private static final char[] ALNUM =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  private Rng(SplittableRandom random) {
    this.random = random;
  }

  /** An independent child stream; the parent advances by exactly one step. */
  Rng split() {
    return new Rng(random.split());
  }

  /** A child stream derived from a label, so callers need not care about split order. */
  Rng fork(String label) {
    long h = 1125899906842597L;
    for (int i = 0; i < label.length(); i++) {
      h = 31 * h + label.charAt(i);
    }
    return new Rng(new SplittableRandom(random.split().nextLong() ^ h));
  }

  double uniform() {
    return random.nextDouble();
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  int between(int loInclusive, int hiInclusive) {
    return random.nextInt(loInclusive, hiInclusive + 1);
  }

  long nextLong(long boundExclusive) {
    return random.nextLong(boundExclusive);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double gaussian() {
    // Box-Muller; SplittableRandom has no nextGaussian.
    double u1 = Math.max(1e-12, random.nextDouble());
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Poisson draw (Knuth for small means, normal approximation above 30). */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  /** Picks index i with probability weights[i] / sum(weights). */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  String alnum(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALNUM[random.nextInt(ALNUM.length)];
    }
    return new String(out);
  }

  String hex(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = LOWER_HEX[random.nextInt(16)];
    }
    return new String(out);
  }

  /** A version-4-looking UUID (ChartMogul uses them for activities and customers). */
  String uuid() {
    return hex(8)
        + "-"
        + hex(4)
        + "-4"
        + hex(3)
        + "-"
        + LOWER_HEX[8 + random.nextInt(4)]
        + hex(3)
        + "-"
        + hex(12);
  }
}
