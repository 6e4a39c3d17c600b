package io.intelligencesuite.transforms.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Normalises identifier values before matching and applies the value guardrails: the blocklist of
 * placeholder values, email and domain syntax, and the free-mail rule for company domains. Plain
 * Java, so the rules are unit-testable without a pipeline.
 *
 * <ul>
 *   <li>every value: trimmed; blocked if, lower-cased, it is in the blocklist or consists only of
 *       zeros and separators ({@code 0000}, {@code ----}, {@code
 *       00000000-0000-0000-0000-000000000000});
 *   <li>email: {@code mailto:} stripped, lower-cased, must be {@code local@domain.tld}, the domain
 *       normalised like a domain, a {@code +tag} sub-address dropped ({@code jane+demo@x} is {@code
 *       jane@x}) and {@code googlemail.com} mapped to {@code gmail.com};
 *   <li>domain: lower-cased; scheme, path, port, a leading {@code www.} and a trailing dot
 *       stripped; an email given as a domain keeps its domain part; a free-mail domain is rejected
 *       (a free-mail domain is not a company);
 *   <li>other ids (user_id, ga_pseudo_id, ...): trimmed only (they are case-sensitive).
 * </ul>
 */
public final class IdentifierNormalizer implements Serializable {

  /** Placeholder values that must never link anything (compared lower-cased, after trimming). */
  public static final Set<String> DEFAULT_BLOCKED_VALUES =
      Set.of(
          "",
          "null",
          "undefined",
          "none",
          "nil",
          "nan",
          "n/a",
          "na",
          "-",
          "unknown",
          "anonymous",
          "anon",
          "guest",
          "test",
          "void",
          "abc123",
          "(not set)",
          "not set",
          "(none)",
          "[object object]",
          "true",
          "false",
          "-1",
          "test@test.com",
          "test@example.com",
          "example@example.com",
          "user@example.com",
          "email@example.com",
          "noreply@example.com",
          "none@none.com");

  private static final Pattern ZEROS_AND_SEPARATORS = Pattern.compile("[0\\-_.:\\s]+");
  private static final Pattern DOMAIN_SYNTAX =
      Pattern.compile(
          "[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)+");
  private static final String FREE_MAIL_RESOURCE = "free-email-domains.txt";

  private final Set<String> blockedValues;
  private final Set<String> freeMailDomains;

  public IdentifierNormalizer(
      Collection<String> blockedValues, Collection<String> freeMailDomains) {
    this.blockedValues = new HashSet<>();
    for (String v : blockedValues) {
      this.blockedValues.add(v.trim().toLowerCase(Locale.ROOT));
    }
    this.freeMailDomains = new HashSet<>();
    for (String d : freeMailDomains) {
      this.freeMailDomains.add(d.trim().toLowerCase(Locale.ROOT));
    }
  }

  public static IdentifierNormalizer withDefaults() {
    return new IdentifierNormalizer(DEFAULT_BLOCKED_VALUES, defaultFreeMailDomains());
  }

  /** The shipped list (resource {@code free-email-domains.txt} next to this class). */
  public static Set<String> defaultFreeMailDomains() {
    Set<String> out = new TreeSet<>();
    try (InputStream in = IdentifierNormalizer.class.getResourceAsStream(FREE_MAIL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FREE_MAIL_RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String d = line.trim().toLowerCase(Locale.ROOT);
        if (!d.isEmpty() && !d.startsWith("#")) {
          out.add(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public boolean isFreeMailDomain(String normalisedDomain) {
    return freeMailDomains.contains(normalisedDomain);
  }

  /** Outcome of normalising one value: the normalised value, or the reason it was rejected. */
  public static final class Result {
    private final @Nullable String value;
    private final @Nullable String rejection;

    private Result(@Nullable String value, @Nullable String rejection) {
      this.value = value;
      this.rejection = rejection;
    }

    public boolean isRejected() {
      return rejection != null;
    }

    public @Nullable String value() {
      return value;
    }

    public @Nullable String rejection() {
      return rejection;
    }
  }

  private static Result ok(String value) {
    return new Result(value, null);
  }

  private static Result reject(String reason) {
    return new Result(null, reason);
  }

  /**
   * Normalises {@code raw} as an identifier of canonical type {@code type} (see {@link
   * IdentifierTypes}); a rejection reason names the type, the value and the rule.
   */
  public Result normalise(String type, @Nullable String raw) {
    String trimmed = raw == null ? "" : raw.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    String label = type + " '" + trimmed + "'";
    if (raw == null || blockedValues.contains(lower)) {
      return reject(label + " is a blocked placeholder value (blocklist)");
    }
    if (ZEROS_AND_SEPARATORS.matcher(lower).matches()) {
      return reject(label + " is a blocked placeholder value (only zeros and separators)");
    }
    switch (type) {
      case IdentifierTypes.EMAIL:
        return normaliseEmail(label, lower);
      case IdentifierTypes.DOMAIN:
        {
          Result d = normaliseDomain(label, lower);
          if (!d.isRejected() && isFreeMailDomain(d.value())) {
            return new Result(
                d.value(),
                "domain '" + d.value() + "' is a free-mail domain, not a company (free-mail rule)");
          }
          return d;
        }
      default:
        return ok(trimmed);
    }
  }

  private Result normaliseEmail(String label, String lower) {
    String e = lower.startsWith("mailto:") ? lower.substring("mailto:".length()).trim() : lower;
    int at = e.lastIndexOf('@');
    if (at <= 0
        || at == e.length() - 1
        || e.indexOf('@') != at
        || e.chars().anyMatch(Character::isWhitespace)) {
      return reject(label + " is not a valid email address (email syntax)");
    }
    Result domain = normaliseDomain(label, e.substring(at + 1));
    if (domain.isRejected()) {
      return reject(label + " is not a valid email address (email syntax)");
    }
    String d = domain.value();
    if (d.equals("googlemail.com")) {
      d = "gmail.com";
    }
    // Sub-addressing: jane+demo@school.org is delivered to jane@school.org (Gmail, Microsoft 365,
    // Fastmail, most school mail servers), so it is one mailbox and one person.
    String local = e.substring(0, at);
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    String email = local + '@' + d;
    if (blockedValues.contains(email)) {
      return reject(label + " is a blocked placeholder value (blocklist)");
    }
    return ok(email);
  }

  private Result normaliseDomain(String label, String lower) {
    String d = lower;
    int scheme = d.indexOf("://");
    if (scheme >= 0) {
      d = d.substring(scheme + 3);
    }
    int at = d.lastIndexOf('@');
    if (at >= 0) {
      d = d.substring(at + 1);
    }
    for (char stop : new char[] {'/', '?', '#', ':'}) {
      int i = d.indexOf(stop);
      if (i >= 0) {
        d = d.substring(0, i);
      }
    }
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.startsWith("www.")) {
      d = d.substring(4);
    }
    if (!DOMAIN_SYNTAX.matcher(d).matches()) {
      return reject(label + " is not a valid domain (domain syntax)");
    }
    return ok(d);
  }

  /** The domain part of a normalised email. */
  static String emailDomain(String normalisedEmail) {
    return normalisedEmail.substring(normalisedEmail.lastIndexOf('@') + 1);
  }
}
