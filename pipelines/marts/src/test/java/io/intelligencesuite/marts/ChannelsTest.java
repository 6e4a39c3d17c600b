package io.intelligencesuite.marts;

import static org.junit.Assert.assertEquals;

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
}
