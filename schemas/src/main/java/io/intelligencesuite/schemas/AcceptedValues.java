package io.intelligencesuite.schemas;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The values a column may hold (dbt's {@code accepted_values}); null is allowed unless the column
 * is required. Vendor enums that a rule depends on (Stripe statuses, movement types) are errors;
 * free-form source values (a CRM's lead status) are warnings, so a new value is looked at without
 * failing the run.
 */
public record AcceptedValues(List<String> values, Severity severity) implements Serializable {
  public AcceptedValues {
    values = List.copyOf(values);
    Objects.requireNonNull(severity, "severity");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("accepted values need at least one value");
    }
    for (String v : values) {
      // The generated tests inline the values as SQL literals, which DuckDB and BigQuery escape
      // differently; plain values need no escaping on either.
      if (!v.matches("[A-Za-z0-9 _.:-]+")) {
        throw new IllegalArgumentException(
            "accepted value '" + v + "' must be letters, digits, space or _.:-");
      }
    }
  }
}
