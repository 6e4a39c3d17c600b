package io.intelligencesuite.transforms.datatests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.Test;

/**
 * How jobs.query's string cells become Java values (BigQuery's REST format: every scalar a string,
 * TIMESTAMP as epoch seconds, often in E-notation). Paging and polling are covered by
 * BigQueryCheckWarehouseTest and the read-back parity tests.
 */
public class BigQueryQueryTest {

  @Test
  public void cellsTakeTheTypeTheirColumnNames() {
    assertEquals(42L, BigQueryQuery.value("42", "INTEGER"));
    assertEquals(-7L, BigQueryQuery.value("-7", "INT64"));
    assertEquals(0.25, BigQueryQuery.value("0.25", "FLOAT"));
    assertEquals(1.26e6, BigQueryQuery.value("1.26E6", "FLOAT64"));
    assertEquals(new BigDecimal("12.50"), BigQueryQuery.value("12.50", "NUMERIC"));
    assertEquals(true, BigQueryQuery.value("true", "BOOLEAN"));
    assertEquals(LocalDate.of(2026, 3, 1), BigQueryQuery.value("2026-03-01", "DATE"));
    assertEquals("2026-03-01T10:00:00", BigQueryQuery.value("2026-03-01T10:00:00", "DATETIME"));
    assertEquals("oak.edu", BigQueryQuery.value("oak.edu", "STRING"));
    assertNull(BigQueryQuery.value(null, "INTEGER"));
  }

  @Test
  public void timestampsAreEpochSecondsDownToTheMicrosecond() {
    // 1.7636256E9 s = 1,763,625,600 s = 2025-11-20T08:00:00Z (20,412 days and 8 hours);
    // 1.763625600123456E9 s adds 123,456 microseconds; -1.0E0 is one second before the epoch.
    assertEquals(
        Instant.parse("2025-11-20T08:00:00Z"), BigQueryQuery.value("1.7636256E9", "TIMESTAMP"));
    assertEquals(
        Instant.parse("2025-11-20T08:00:00.123456Z"),
        BigQueryQuery.value("1.763625600123456E9", "TIMESTAMP"));
    assertEquals(Instant.parse("1969-12-31T23:59:59Z"), BigQueryQuery.value("-1.0E0", "TIMESTAMP"));
  }
}
