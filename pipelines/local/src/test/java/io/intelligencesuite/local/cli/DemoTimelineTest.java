package io.intelligencesuite.local.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** The demo's phase lines: one per phase, after it, also when it fails. */
public class DemoTimelineTest {
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);

  private String printed() {
    return text.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void aPhaseReturnsItsValueAndPrintsOneLineAfterItsOwnOutput() throws Exception {
    int value =
        new DemoTimeline(out)
            .phase(
                "checks",
                () -> {
                  out.println("the phase's own output");
                  return 7;
                });
    assertEquals(7, value);
    String[] lines = printed().split("\n");
    assertEquals(2, lines.length);
    assertEquals("the phase's own output", lines[0]);
    assertThat(
        lines[1], matchesPattern("\\[demo\\] checks took \\d+\\.\\d s \\(CPU \\d+\\.\\d s\\)"));
  }

  @Test
  public void aFailingPhaseStillPrintsItsLineAndThrows() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new DemoTimeline(out)
                    .phase(
                        "identity quality",
                        () -> {
                          throw new IllegalStateException("no identity_map");
                        }));
    assertEquals("no identity_map", e.getMessage());
    assertThat(
        printed(),
        matchesPattern("\\[demo\\] identity quality took \\d+\\.\\d s \\(CPU \\d+\\.\\d s\\)\n"));
  }
}
