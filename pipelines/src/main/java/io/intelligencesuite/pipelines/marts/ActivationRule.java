package io.intelligencesuite.pipelines.marts;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Activation, as the metrics dictionary defines it: within its trial, the school uses at least
 * {@code minFeatures} distinct core features on at least {@code minDays} distinct UTC days (days
 * with any core-feature use). The activation time is the first event at which both hold.
 */
public record ActivationRule(Set<String> coreFeatures, int minFeatures, int minDays) implements Serializable {

  /** One product event: when, and which feature. */
  public record Use(long atMillis, @Nullable String feature) implements Serializable {}

  public ActivationRule {
    coreFeatures = Set.copyOf(coreFeatures);
    if (minFeatures < 1 || minFeatures > coreFeatures.size() || minDays < 1) {
      throw new IllegalArgumentException("Activation needs 1 <= K <= core features and D >= 1, got K="
          + minFeatures + ", D=" + minDays + ", core=" + coreFeatures);
    }
  }

  /** When the trial [trialStart, trialEnd) activated, or null if it did not. */
  public @Nullable Long activatedAt(List<Use> uses, long trialStart, long trialEnd) {
    Set<String> features = new HashSet<>();
    Set<LocalDate> days = new HashSet<>();
    List<Use> sorted = uses.stream().sorted(Comparator.comparingLong(Use::atMillis)).toList();
    for (Use u : sorted) {
      if (u.atMillis() < trialStart || u.atMillis() >= trialEnd || !coreFeatures.contains(u.feature())) {
        continue;
      }
      features.add(u.feature());
      days.add(java.time.Instant.ofEpochMilli(u.atMillis()).atZone(ZoneOffset.UTC).toLocalDate());
      if (features.size() >= minFeatures && days.size() >= minDays) {
        return u.atMillis();
      }
    }
    return null;
  }
}
