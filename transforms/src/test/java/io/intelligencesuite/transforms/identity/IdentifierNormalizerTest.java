package io.intelligencesuite.transforms.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class IdentifierNormalizerTest {
  private final IdentifierNormalizer n = IdentifierNormalizer.withDefaults();

  private String ok(String type, String raw) {
    IdentifierNormalizer.Result r = n.normalise(type, raw);
    assertFalse(type + " " + raw + ": " + r.rejection(), r.isRejected());
    return r.value();
  }

  private String rejected(String type, String raw) {
    IdentifierNormalizer.Result r = n.normalise(type, raw);
    assertTrue(type + " " + raw + " should be rejected", r.isRejected());
    return r.rejection();
  }

  @Test
  public void emailsAreTrimmedLowerCasedAndGooglemailIsGmail() {
    assertThat(ok("email", "  Jane.Doe@GoogleMail.COM "), equalTo("jane.doe@gmail.com"));
    assertThat(ok("email", "mailto:Bob@School.EDU"), equalTo("bob@school.edu"));
    assertThat(rejected("email", "bob.school.edu"), containsString("email syntax"));
    assertThat(rejected("email", "a@b@c.com"), containsString("email syntax"));
  }

  @Test
  public void domainsAreLowerCasedWithoutWwwSchemeOrPath() {
    assertThat(ok("domain", "WWW.Springfield-High.edu"), equalTo("springfield-high.edu"));
    assertThat(ok("domain", "https://www.school.org/about?x=1"), equalTo("school.org"));
    assertThat(ok("domain", "school.org."), equalTo("school.org"));
    assertThat(rejected("domain", "localhost"), containsString("domain syntax"));
  }

  @Test
  public void freeMailDomainsAreNotCompanies() {
    assertThat(rejected("domain", "gmail.com"), containsString("free-mail"));
    assertThat(rejected("domain", "www.Yahoo.com"), containsString("free-mail"));
    assertTrue(n.isFreeMailDomain("googlemail.com"));
    assertFalse(n.isFreeMailDomain("dreamclass.io"));
  }

  @Test
  public void placeholdersAreBlocked() {
    for (String v :
        Arrays.asList(
            "",
            " ",
            "null",
            "NULL",
            "undefined",
            "None",
            "n/a",
            "anonymous",
            "(not set)",
            "0",
            "0000",
            "----",
            "00000000-0000-0000-0000-000000000000",
            "-1")) {
      assertThat(v, rejected("user_id", v), containsString("blocked"));
    }
    assertThat(rejected("email", "Test@Test.com"), containsString("blocked"));
    assertThat(ok("user_id", " U-123 "), equalTo("U-123"));
    assertThat(rejected("user_id", null), containsString("blocked"));
  }

  @Test
  public void freeMailListIsShippedDeduplicated() {
    Set<String> list = IdentifierNormalizer.defaultFreeMailDomains();
    assertThat(list.size(), greaterThan(4000));
    assertThat(list, hasItems("gmail.com", "googlemail.com", "outlook.com", "yahoo.com"));
  }

  @Test
  public void rowsHaveSnakeCaseSchemas() throws Exception {
    SchemaRegistry registry = SchemaRegistry.createDefault();
    Schema link = registry.getSchema(IdentifierLink.class);
    assertThat(
        link.getFieldNames(),
        hasItems("left_type", "left_value", "right_type", "right_value", "source"));
    Schema row = registry.getSchema(IdentityAssignment.class);
    assertThat(
        row.getFieldNames(),
        hasItems("identifier_type", "identifier_value", "person_id", "company_id"));
    assertTrue(row.getField("company_id").getType().getNullable());
    Schema rej = registry.getSchema(IdentityRejection.class);
    assertThat(
        rej.getFieldNames(),
        hasItems("identifier_type", "identifier_value", "reason", "component_size"));
  }

  @Test
  public void idsAreStableHashesOfTheAnchor() {
    assertThat(
        IdentifierTypes.personId("email:a@b.com"),
        equalTo(IdentifierTypes.personId("email:a@b.com")));
    assertTrue(IdentifierTypes.personId("email:a@b.com").matches("per_[0-9a-f]{16}"));
    assertTrue(IdentifierTypes.companyId("domain:b.com").matches("com_[0-9a-f]{16}"));
  }
}
