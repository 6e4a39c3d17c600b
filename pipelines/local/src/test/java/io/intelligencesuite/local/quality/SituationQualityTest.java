package io.intelligencesuite.local.quality;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.local.quality.IdentityQuality.Mapped;
import io.intelligencesuite.local.quality.IdentityQuality.Truth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class SituationQualityTest {

  /**
   * Truth persons P1 {a, b, c}, P2 {d, e}, P3 {f, g}; a shared device planted between P1 and P2.
   * identity_map merges d into P1's person X, leaves e alone (Y), gets P3 right (Z).
   *
   * <p>Recall over P1 and P2: true pairs 3 + 1 = 4, found 3 (P1's; d and e are apart) = 0.75.
   * Precision over predicted pairs touching P1 or P2: X holds a, b, c, d: 6 pairs, 3 correct
   * (P1's); Y holds one identifier: 0 pairs; Z touches neither. 3 / 6 = 0.5. No company involved:
   * 1.0. The second situation (P3 alone) is perfect: 1 pair found, 1 predicted, correct.
   */
  @Test
  public void scoresThePairsOfTheEntitiesEachSituationInvolves() throws Exception {
    Map<String, Set<String>> persons =
        Map.of(
            "email:a", Set.of("P1"),
            "user_id:b", Set.of("P1"),
            "ga_pseudo_id:c", Set.of("P1"),
            "email:d", Set.of("P2"),
            "user_id:e", Set.of("P2"),
            "email:f", Set.of("P3"),
            "user_id:g", Set.of("P3"));
    Truth truth = new Truth(persons, Map.of(), Set.of());
    Map<String, Mapped> map =
        Map.of(
            "email:a", new Mapped("X", null),
            "user_id:b", new Mapped("X", null),
            "ga_pseudo_id:c", new Mapped("X", null),
            "email:d", new Mapped("X", null),
            "user_id:e", new Mapped("Y", null),
            "email:f", new Mapped("Z", null),
            "user_id:g", new Mapped("Z", null));
    List<SituationQuality.Situation> s =
        SituationQuality.compute(
            map,
            truth,
            new ObjectMapper()
                .readTree(
                    "[{\"kind\":\"shared_office_computer\",\"person_ids\":[\"P1\",\"P2\"]},"
                        + "{\"kind\":\"two_devices\",\"person_id\":\"P3\"}]"));
    assertEquals(2, s.size());
    SituationQuality.Situation shared = s.get(0);
    assertEquals("shared_office_computer", shared.kind());
    assertEquals(new SituationQuality.Pairs(4, 3, 6, 3), shared.persons());
    assertEquals(0.75, shared.persons().recall(), 0.0);
    assertEquals(0.5, shared.persons().precision(), 0.0);
    assertEquals(1.0, shared.companies().precision(), 0.0);
    assertEquals(new SituationQuality.Pairs(1, 1, 1, 1), s.get(1).persons());
  }
}
