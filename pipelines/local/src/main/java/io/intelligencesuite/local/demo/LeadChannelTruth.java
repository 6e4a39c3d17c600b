package io.intelligencesuite.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * truth/lead_channels.json: what brought each lead, from the simulation's own sessions (never from
 * the written GA4 rows): the channel of the session the form was sent in, and the last non-direct
 * channel among the person's sessions (any device) started at or before the lead, the dictionary's
 * attribution rule (marts Channels.lastNonDirectClick); direct when there is none.
 */
final class LeadChannelTruth {
  private LeadChannelTruth() {}

  static void write(World w, OutputFiles out) throws IOException {
    Map<Person, List<WebSession>> byPerson = sessionsByPerson(w);
    ObjectNode root = OutputFiles.obj();
    root.put(
        "note",
        "Per lead: form_channel = the channel of the session the form was sent in;"
            + " last_non_direct_channel = the channel of the person's last session (any device)"
            + " that did not come in directly and started at or before the lead, else direct."
            + " observable_channel = the same rule over only the sessions on devices the"
            + " warehouse can tie to the person (ObservableSessions: a user_id or a lead form names"
            + " them), the channel the marts can attribute."
            + " Channel names as the marts' fact_lead.channel.");
    ObservableSessions observable = new ObservableSessions(w);
    ArrayNode arr = root.putArray("leads");
    for (Lead l : w.leads) {
      ObjectNode o = arr.addObject();
      o.put("lead_id", l.leadId);
      o.put("is_test", l.person.company.test);
      o.put("form_channel", l.channel.channelGroup());
      o.put("last_non_direct_channel", lastNonDirectChannel(l, byPerson));
      o.put("observable_channel", observable.leadChannel(l));
    }
    out.writeJson("truth/lead_channels.json", root, arr.size());
  }

  /** The simulation's sessions of each person (any device). */
  static Map<Person, List<WebSession>> sessionsByPerson(World w) {
    Map<Person, List<WebSession>> byPerson = new HashMap<>();
    for (WebSession s : w.sessions) {
      if (s.person != null) {
        byPerson.computeIfAbsent(s.person, k -> new java.util.ArrayList<>()).add(s);
      }
    }
    return byPerson;
  }

  /**
   * The dictionary's lead channel: the channel of the person's last non-direct session started at
   * or before the lead, else direct.
   */
  static String lastNonDirectChannel(Lead l, Map<Person, List<WebSession>> byPerson) {
    WebSession last = null;
    for (WebSession s : byPerson.getOrDefault(l.person, List.of())) {
      if (s.start <= l.createdAt
          && !s.channel.equals(Channel.DIRECT)
          && (last == null || s.start > last.start)) {
        last = s;
      }
    }
    return last == null ? "direct" : last.channel.channelGroup();
  }
}
