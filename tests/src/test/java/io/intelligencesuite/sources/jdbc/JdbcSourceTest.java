package io.intelligencesuite.sources.jdbc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intelligencesuite.sources.backend.BackendOptions;
import io.intelligencesuite.sources.common.Secrets;
import io.intelligencesuite.sources.leads.LeadScoringOptions;
import io.intelligencesuite.transforms.deadletter.BadRecordException;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** Connection options, name validation, secrets and field parsing, without a database. */
public class JdbcSourceTest {

  @Test
  public void postgresRequiresSslForRemoteHostsAndNotForLocalhost() {
    String remote = postgresUrl("jdbc:postgresql://db.abc.supabase.co:5432/postgres");
    assertThat(remote, containsString("sslmode=require"));
    String local = postgresUrl("jdbc:postgresql://localhost:5432/postgres");
    assertThat(local, containsString("sslmode=disable"));
    String explicit =
        postgresUrl("jdbc:postgresql://db.abc.supabase.co/postgres?sslmode=verify-full");
    assertThat(explicit, containsString("sslmode=verify-full"));
    assertFalse(explicit.contains("sslmode=require"));
  }

  @Test
  public void mysqlUrlsWorkWithTheMariaDbDriverAndGetATimeout() {
    String url =
        JdbcSource.mysql(
                "db", "jdbc:mysql://10.0.0.5:3306/app", "u", "secret", "--backendJdbcUrl", "c")
            .url();
    assertThat(url, containsString("permitMysqlScheme=true"));
    assertThat(url, containsString("connectTimeout=10000"));
    JdbcSource s =
        JdbcSource.mysql("db", "jdbc:mariadb://h:3306/app", "u", "secret", "--backendJdbcUrl", "c");
    assertEquals("h:3306", s.hostAndPort());
    assertFalse(s.toString().contains("secret"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JdbcSource.mysql("db", "jdbc:sqlserver://h", "u", "p", "--backendJdbcUrl", "c"));
    assertThat(e.getMessage(), containsString("--backendJdbcUrl"));
  }

  @Test
  public void tableNamesFromOptionsAreValidated() {
    assertEquals(
        "app.product_events", JdbcSource.identifier("app.product_events", "--productEventsTable"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JdbcSource.identifier("events; DROP TABLE users", "--productEventsTable"));
    assertThat(e.getMessage(), containsString("--productEventsTable must match ^[A-Za-z0-9_.]+$"));
  }

  @Test
  public void secretsResolveAtLaunchAndMustBeVersionNames() {
    assertEquals(
        "pw",
        Secrets.password(
            "projects/p/secrets/db/versions/latest", "--s", null, "--p", name -> "pw"));
    assertEquals("local", Secrets.password(null, "--s", "local", "--p", name -> "never"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> Secrets.password("db-password", "--s", null, "--p", n -> "x"))
            .getMessage(),
        containsString("projects/PROJECT"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Secrets.password(
                        "projects/p/secrets/db/versions/1", "--s", "x", "--p", n -> "x"))
            .getMessage(),
        containsString("not both"));
  }

  @Test
  public void plainPasswordsAreNotSerialisedWithThePipelineOptions() throws Exception {
    String json =
        serialised(
                BackendOptions.class,
                "--backendJdbcUrl=jdbc:mysql://h/db",
                "--backendUser=u",
                "--backendPassword=pw-backend-123")
            + serialised(
                LeadScoringOptions.class,
                "--leadsJdbcUrl=jdbc:postgresql://h/db",
                "--leadsUser=u",
                "--leadsPassword=pw-leads-123");
    assertThat(json, containsString("jdbc:mysql://h/db"));
    assertFalse(json, json.contains("pw-backend-123") || json.contains("pw-leads-123"));
  }

  /** Options of {@code type} from {@code args}, as JSON the way Beam serialises them to workers. */
  private static String serialised(Class<? extends PipelineOptions> type, String... args)
      throws Exception {
    return new ObjectMapper().writeValueAsString(PipelineOptionsFactory.fromArgs(args).as(type));
  }

  @Test
  public void emailsAreNormalisedAndFreeMailHasNoCompanyDomain() {
    assertEquals("ann@school.org", Emails.normalise("  Ann@School.ORG ", "email"));
    assertEquals("school.org", Emails.companyDomain("school.org"));
    assertNull(Emails.companyDomain("gmail.com"));
    assertNull(Emails.companyDomain("outlook.com"));
    assertTrue(Emails.freeMailDomainCount() > 4000);
    assertEquals(
        "email",
        assertThrows(BadRecordException.class, () -> Emails.normalise("no-at-sign", "email"))
            .field());
  }

  @Test
  public void timestampsFromMySqlAndPostgresTextParse() {
    assertEquals(1730787623000L, Fields.timestamp("t", "2024-11-05 06:20:23").getMillis());
    assertEquals(1730787623000L, Fields.timestamp("t", "2024-11-05 06:20:23+00").getMillis());
    assertEquals(1730787623500L, Fields.timestamp("t", "2024-11-05 07:20:23.5+01:00").getMillis());
    BadRecordException bad =
        assertThrows(
            BadRecordException.class, () -> Fields.timestamp("occurred_at", "0000-00-00 00:00:00"));
    assertEquals("occurred_at", bad.field());
    assertThat(bad.getMessage(), containsString("invalid timestamp"));
    BadRecordException score =
        assertThrows(
            BadRecordException.class,
            () -> Fields.requiredNumber(Map.of("score", "high"), "score", 0, 100));
    assertEquals("score", score.field());
  }

  /** The URL a lead-scoring source connects to for {@code url} with sslmode auto. */
  private static String postgresUrl(String url) {
    return JdbcSource.postgres("db", url, "u", "p", "auto", "--leadsJdbcUrl", "creds").url();
  }
}
