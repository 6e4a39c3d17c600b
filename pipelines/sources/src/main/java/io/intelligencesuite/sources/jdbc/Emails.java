package io.intelligencesuite.sources.jdbc;

import io.intelligencesuite.transforms.deadletter.BadRecordException;
import io.intelligencesuite.transforms.identity.IdentifierNormalizer;
import java.util.Locale;
import java.util.Set;

/**
 * E-mail normalisation (trim, lower-case) and the company domain it implies: the e-mail's domain
 * unless that is a free-mail domain (gmail.com, outlook.com, ...), from the suite's one list
 * (transforms' {@code free-email-domains.txt}, sources and licences in its header).
 */
public final class Emails {
  /** The one free-mail list of the suite, shared with identity resolution. */
  private static final Set<String> FREE_MAIL = load();

  private Emails() {}

  /** Trimmed, lower-cased address; a bad record when it is not local@domain. */
  public static String normalise(String email, String field) {
    String e = email.trim().toLowerCase(Locale.ROOT);
    int at = e.indexOf('@');
    if (at <= 0
        || at != e.lastIndexOf('@')
        || at == e.length() - 1
        || e.indexOf('.', at) < 0
        || e.chars().anyMatch(Character::isWhitespace)) {
      throw new BadRecordException(
          field, "not an e-mail address: '" + Fields.abbreviate(email) + "'");
    }
    return e;
  }

  public static String domain(String normalisedEmail) {
    return normalisedEmail.substring(normalisedEmail.indexOf('@') + 1);
  }

  public static boolean isFreeMail(String domain) {
    return FREE_MAIL.contains(domain.toLowerCase(Locale.ROOT));
  }

  /** The domain when it is a business domain, else null. */
  public static String companyDomain(String domain) {
    return domain == null || isFreeMail(domain) ? null : domain;
  }

  /** A stated company domain, lower-cased, without scheme, "www." or path; null when blank. */
  public static String cleanDomain(String domain) {
    if (domain == null || domain.isBlank()) {
      return null;
    }
    String d =
        domain
            .trim()
            .toLowerCase(Locale.ROOT)
            .replaceFirst("^https?://", "")
            .replaceFirst("/.*$", "");
    return d.startsWith("www.") ? d.substring(4) : d;
  }

  static int freeMailDomainCount() {
    return FREE_MAIL.size();
  }

  private static Set<String> load() {
    return Set.copyOf(IdentifierNormalizer.defaultFreeMailDomains());
  }
}
