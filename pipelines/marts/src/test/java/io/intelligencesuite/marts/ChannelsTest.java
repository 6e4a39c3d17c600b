package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

/** The acquisition-channel rule, as GA4's default channel grouping has it. */
public class ChannelsTest {
  @Test
  public void anUntaggedVisitFromASocialNetworkIsSocial() {
    assertEquals("social", Channels.of(null, null, "https://www.facebook.com/"));
    assertEquals("social", Channels.of(null, null, "https://www.linkedin.com/feed/"));
    assertEquals("social", Channels.of(null, null, "https://t.co/abc"));
    assertEquals("social", Channels.of("facebook", null, null)); // a lead form's bare source
  }

  @Test
  public void theMediumDecidesBeforeTheReferrer() {
    assertEquals("paid_search", Channels.of("google", "cpc", "https://www.google.com/"));
    assertEquals("email", Channels.of("newsletter", "email", "https://www.facebook.com/"));
    assertEquals("referral", Channels.of("facebook", "referral", null));
  }

  @Test
  public void otherUntaggedVisits() {
    assertEquals("organic_search", Channels.of(null, null, "https://www.google.co.uk/"));
    assertEquals("referral", Channels.of(null, null, "https://www.capterra.com/p/1"));
    assertEquals("referral", Channels.of(null, null, "https://xylophone.com/")); // not x.com
    assertEquals(Channels.DIRECT, Channels.of("(direct)", "(none)", null));
    assertEquals(Channels.DIRECT, Channels.of(null, null, null));
  }

  @Test
  public void aLeadGoesToThePersonsLastNonDirectSessionBeforeIt() {
    List<Channels.Click> sessions =
        List.of(
            new Channels.Click(1_000, "organic_search"),
            new Channels.Click(2_000, "paid_search"),
            new Channels.Click(3_000, Channels.DIRECT), // never a click: skipped
            new Channels.Click(9_000, "email")); // after the lead: not its cause
    // The lead at 5_000 came in directly, after a paid click: paid_search, not its form's direct.
    assertEquals("paid_search", Channels.lastNonDirectClick(sessions, 5_000, Channels.DIRECT));
    // A session starting with the lead counts.
    assertEquals("email", Channels.lastNonDirectClick(sessions, 9_000, Channels.DIRECT));
    // No non-direct session before it: the lead's own UTM channel.
    assertEquals("referral", Channels.lastNonDirectClick(sessions, 500, "referral"));
    assertEquals(Channels.DIRECT, Channels.lastNonDirectClick(List.of(), 5_000, Channels.DIRECT));
    // Two sessions at the same instant: the smaller name, whatever the order.
    assertEquals(
        "referral",
        Channels.lastNonDirectClick(
            List.of(new Channels.Click(1, "social"), new Channels.Click(1, "referral")),
            2,
            Channels.DIRECT));
  }
}
