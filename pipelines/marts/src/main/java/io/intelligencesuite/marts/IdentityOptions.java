package io.intelligencesuite.marts;

import io.intelligencesuite.transforms.warehouse.WarehouseOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options of the identity pipeline: staging tables in, identity_map out, same warehouse. The marts
 * pipeline takes the same internal domains (it extends this), so both leave out the same accounts.
 */
@Description(
    "Identity: resolves every identifier of the staging tables to a person and a company and "
        + "writes identity_map, which the marts read, in the same warehouse.")
public interface IdentityOptions extends WarehouseOptions {

  @Description(
      "Business domains of internal and QA accounts, comma-separated (e.g. yourcompany.com). "
          + "Their accounts, users, leads and Stripe customers are left out of every mart and metric.")
  @Default.String("")
  String getInternalDomains();

  void setInternalDomains(String value);

  @Description(
      "Identity overrides: a CSV file (local path or gs://) of pairs the data cannot decide, one a "
          + "line: must_link|must_not_link,TYPE,VALUE,TYPE,VALUE (e.g. "
          + "must_not_link,user_id,u_17,user_id,u_42); # starts a comment. Both identifiers are of "
          + "one level (two persons' or two companies' identifiers). Default: none.")
  @Default.String("")
  String getIdentityOverrides();

  void setIdentityOverrides(String value);
}
