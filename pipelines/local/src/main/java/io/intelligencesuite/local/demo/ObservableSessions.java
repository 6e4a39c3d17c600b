package io.intelligencesuite.local.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulation's sessions the warehouse can tie to a lead or a company, from what the simulation
 * itself wrote together (no draws, so no figure of the demo moves). The truth's channels are the
 * simulation's intent over all of a person's sessions; a session on a device that nothing written
 * ever names with the lead or the company is invisible to identity resolution, so the warehouse can
 * only attribute over the rest. The truth files give both, and the difference is identity's
 * documented limit (a device never logged in on, a lead sent with a private address), not a
 * metric's fault.
 *
 * <p>The written links, as identity reads them (docs/identity.md): a session that carries a user_id
 * (a sign-up, a login, a remembered login) joins its device and that user; a lead joins its form's
 * device (GA client id) and its e-mail; a backend user joins its e-mail (e-mails as the normaliser
 * compares them: lower case, without a +tag). A device that carries two user_ids or two lead forms
 * is a shared device and joins nobody. A group of identifiers belongs to a company when it holds a
 * user of the company's account, or a lead naming a domain (its company_domain or its e-mail's)
 * that only this company has; a device the visitor-enrichment feed named with such a domain belongs
 * to the company too.
 */
final class ObservableSessions {
  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, List<WebSession>> byGroup = new HashMap<>();
  private final Map<Company, WebSession> firstByCompany = new HashMap<>();
  private final Map<String, Set<Company>> companiesOfGroup = new HashMap<>();

  ObservableSessions(World w) {
    Set<Device> shared = sharedDevices(w);
    for (WebSession s : w.sessions) {
      if (s.person != null && !shared.contains(s.device)) {
        for (String user : new String[] {s.userIdFromStart, s.userIdAfterConversion}) {
          if (user != null) {
            union(device(s.device), "u:" + user);
          }
        }
      }
    }
    for (Lead l : w.leads) {
      union("l:" + l.leadId, email(l.email));
      Device d = formDevice(l);
      if (d != null && !shared.contains(d)) {
        union("l:" + l.leadId, device(d));
      }
    }
    for (Company c : w.companies) {
      for (BackendUser u : c.users) {
        union("u:" + u.userId(), email(u.email()));
      }
    }
    Map<String, Company> byDomain = domainsOfOneCompany(w);
    for (Company c : w.companies) {
      for (BackendUser u : c.users) {
        if (c.accountId != null && u.accountId() == c.accountId) {
          tie(find("u:" + u.userId()), c);
        }
      }
    }
    for (Lead l : w.leads) {
      for (String domain : new String[] {l.companyDomain, domainOf(l.email)}) {
        Company c = domain == null ? null : byDomain.get(domain);
        if (c != null) {
          tie(find("l:" + l.leadId), c);
        }
      }
    }
    for (WebSession s : w.sessions) {
      if (s.person == null) {
        continue;
      }
      String group = find(device(s.device));
      byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(s);
      Set<Company> companies = new HashSet<>(companiesOfGroup.getOrDefault(group, Set.of()));
      for (Company enriched : w.enrichedDevices.getOrDefault(s.device, Set.of())) {
        if (byDomain.get(enriched.domain) == enriched) {
          companies.add(enriched);
        }
      }
      for (Company c : companies) {
        WebSession first = firstByCompany.get(c);
        if (first == null || s.start < first.start) {
          firstByCompany.put(c, s);
        }
      }
    }
  }

  /**
   * Devices that carry two user_ids or two lead forms: a person holds at most one of each, so
   * identity takes such a device for a shared one and ties it to none of them (IdentityRules).
   */
  private static Set<Device> sharedDevices(World w) {
    Map<Device, Set<String>> users = new HashMap<>();
    Map<Device, Set<String>> leads = new HashMap<>();
    for (WebSession s : w.sessions) {
      for (String user : new String[] {s.userIdFromStart, s.userIdAfterConversion}) {
        if (s.person != null && user != null) {
          users.computeIfAbsent(s.device, k -> new HashSet<>()).add(user);
        }
      }
    }
    for (Lead l : w.leads) {
      Device d = formDevice(l);
      if (d != null) {
        leads.computeIfAbsent(d, k -> new HashSet<>()).add(l.leadId);
      }
    }
    Set<Device> shared = new HashSet<>();
    for (Map<Device, Set<String>> ids : List.of(users, leads)) {
      ids.forEach(
          (d, values) -> {
            if (values.size() > 1) {
              shared.add(d);
            }
          });
    }
    return shared;
  }

  /** The device the lead's form was sent from (its GA client id), or null. */
  private static Device formDevice(Lead l) {
    for (Device d : l.person.devices) {
      if (d.pseudoId.equals(l.gaClientId)) {
        return d;
      }
    }
    return null;
  }

  /** The domains exactly one company has (a trust's shared domain names none). */
  private static Map<String, Company> domainsOfOneCompany(World w) {
    Map<String, Company> one = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (Company c : w.companies) {
      if (one.putIfAbsent(c.domain, c) != null) {
        shared.add(c.domain);
      }
    }
    shared.forEach(one::remove);
    return one;
  }

  private void tie(String group, Company c) {
    companiesOfGroup.computeIfAbsent(group, k -> new HashSet<>()).add(c);
  }

  private static String device(Device d) {
    return "d:" + d.pseudoId;
  }

  private static String email(String e) {
    String lower = e.trim().toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    int plus = lower.indexOf('+');
    return "e:" + (plus > 0 && plus < at ? lower.substring(0, plus) + lower.substring(at) : lower);
  }

  private static String domainOf(String e) {
    return e.substring(e.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private String find(String node) {
    String p = parent.getOrDefault(node, node);
    if (p.equals(node)) {
      return node;
    }
    String root = find(p);
    parent.put(node, root);
    return root;
  }

  private void union(String a, String b) {
    String ra = find(a);
    String rb = find(b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }

  /**
   * The lead's channel by the dictionary's rule over the sessions the warehouse ties to it; without
   * a non-direct one, its form's own channel (the form's UTM tags: the form session itself when its
   * device is shared).
   */
  String leadChannel(Lead l) {
    List<WebSession> sessions = byGroup.getOrDefault(find("l:" + l.leadId), List.of());
    String last = LeadChannelTruth.lastNonDirectChannel(l, Map.of(l.person, sessions));
    return last.equals("direct") ? l.channel.channelGroup() : last;
  }

  /**
   * The channel of the company's first session the warehouse can tie, else {@value #UNKNOWN}: with
   * no such session the marts have no channel (the metrics' segment unknown), where the intended
   * one says direct.
   */
  String acquisitionChannel(Company c) {
    WebSession first = firstByCompany.get(c);
    return first == null ? UNKNOWN : first.channel.channelGroup();
  }

  /** The marts' segment of a customer or trial without a channel (marts metrics Segments). */
  static final String UNKNOWN = "unknown";

  /**
   * SpendWriter.trialChannel's rule over what the warehouse can tie: the earliest lead identity
   * puts in the company, its channel when not direct, else the company's first session's, else the
   * lead's (direct), else {@value #UNKNOWN}.
   */
  String trialChannel(Company c) {
    Lead first = null;
    for (Person p : c.people) {
      for (Lead l : p.leads) {
        if (companiesOfGroup.getOrDefault(find("l:" + l.leadId), Set.of()).contains(c)
            && (first == null
                || l.createdAt < first.createdAt
                || (l.createdAt == first.createdAt && l.leadId.compareTo(first.leadId) < 0))) {
          first = l;
        }
      }
    }
    String lead = first == null ? null : leadChannel(first);
    if (lead != null && !lead.equals("direct")) {
      return lead;
    }
    String acquisition = acquisitionChannel(c);
    return acquisition.equals(UNKNOWN) && lead != null ? lead : acquisition;
  }
}
