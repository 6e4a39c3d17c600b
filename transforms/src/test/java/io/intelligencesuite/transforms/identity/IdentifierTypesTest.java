package io.intelligencesuite.transforms.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.intelligencesuite.schemas.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

/**
 * The identifier types ResolveIdentities writes are exactly the ones the registry accepts, and
 * docs/identity.md lists them all. After a change to IdentifierTypes, regenerate the docs' table:
 * {@code mvn -B -o -pl transforms -am test -Dtest=IdentifierTypesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsuite.regenerate=true}.
 */
public class IdentifierTypesTest {
  static final String DOC = "docs/identity.md";
  static final String BEGIN =
      "<!-- identifier types: generated from IdentifierTypes by IdentifierTypesTest; "
          + "do not edit by hand -->\n";
  static final String END = "<!-- end of identifier types -->\n";

  @Test
  public void registryAcceptsExactlyTheResolvedTypes() {
    Set<String> resolved = resolvedTypes();
    Set<String> accepted =
        new HashSet<>(
            Tables.IDENTITY_MAP.column("identifier_type").orElseThrow().acceptedValues().values());
    assertEquals(accepted, resolved);
    // account_id is kept, as a company-level identifier (no person), like the billing customers.
    assertEquals(
        Set.of("domain", "account_id", "stripe_customer", "chartmogul_customer", "crm_company"),
        IdentifierTypes.COMPANY_LEVEL);
  }

  @Test
  public void aliasesMapToCanonicalTypesAndUnknownTypesAreRejected() {
    assertEquals("ga_pseudo_id", IdentifierTypes.canonicalType(" GA_Client_Id "));
    assertEquals("domain", IdentifierTypes.canonicalType("company_domain"));
    assertEquals("account_id", IdentifierTypes.canonicalType("account_id"));
    assertNull(IdentifierTypes.canonicalType("phone"));
  }

  /**
   * Every type, in identity_map's accepted-values order, with its level, aliases and description.
   */
  static String typesTable() {
    StringBuilder md =
        new StringBuilder(
            "| identifier_type | level | also read as | what it is |\n|---|---|---|---|\n");
    for (String type :
        Tables.IDENTITY_MAP.column("identifier_type").orElseThrow().acceptedValues().values()) {
      TreeSet<String> aliases = new TreeSet<>();
      IdentifierTypes.ALIASES.forEach(
          (alias, canonical) -> {
            if (canonical.equals(type)) {
              aliases.add("`" + alias + "`");
            }
          });
      md.append("| `")
          .append(type)
          .append("` | ")
          .append(IdentifierTypes.isPersonLevel(type) ? "person" : "company")
          .append(" | ")
          .append(String.join(", ", aliases))
          .append(" | ")
          .append(IdentifierTypes.DESCRIPTIONS.get(type))
          .append(" |\n");
    }
    return md.toString();
  }

  @Test
  public void everyTypeIsDescribed() {
    assertEquals(resolvedTypes(), IdentifierTypes.DESCRIPTIONS.keySet());
  }

  @Test
  public void docsListEveryIdentifierType() throws IOException {
    Path doc = repoRoot().resolve(DOC);
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertTrue(doc + " lacks the generated block's markers", begin >= 0 && end > begin);
    String current = text.substring(begin + BEGIN.length(), end);
    if (Boolean.getBoolean("suite.regenerate") && !current.equals(typesTable())) {
      Files.writeString(
          doc,
          text.substring(0, begin + BEGIN.length()) + typesTable() + text.substring(end),
          StandardCharsets.UTF_8);
      current = typesTable();
    }
    assertEquals(
        doc
            + " is stale; regenerate with `mvn -B -o -pl transforms -am test -Dtest=IdentifierTypesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dsuite.regenerate=true`",
        typesTable(),
        current);
    // Every type is named in the table (guards the renderer itself).
    for (String type : resolvedTypes()) {
      assertTrue(type, current.contains("| `" + type + "` |"));
    }
  }

  private static Set<String> resolvedTypes() {
    Set<String> types = new HashSet<>(IdentifierTypes.PERSON_LEVEL);
    types.addAll(IdentifierTypes.COMPANY_LEVEL);
    return types;
  }

  static Path repoRoot() {
    String root = System.getProperty("suite.root.dir");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }
}
