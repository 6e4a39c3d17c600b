package io.intelligencesuite.transforms.identity;

import com.google.auto.value.AutoValue;
import io.intelligencesuite.schemas.RowBuilder;
import io.intelligencesuite.schemas.Tables;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCaseFormat;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.CaseFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One {@code identity_map} row: a normalised identifier and the person and company it resolved to.
 *
 * <p>{@code person_id} is null for company-level identifiers ({@code domain}, {@code account_id});
 * {@code company_id} is null for a person with no company (e.g. a free-mail lead that never
 * converted). Schema fields: {@code identifier_type, identifier_value, person_id, company_id}.
 */
@DefaultSchema(AutoValueSchema.class)
@SchemaCaseFormat(CaseFormat.LOWER_UNDERSCORE)
@AutoValue
public abstract class IdentityAssignment implements Serializable {

  public abstract String getIdentifierType();

  public abstract String getIdentifierValue();

  public abstract @Nullable String getPersonId();

  public abstract @Nullable String getCompanyId();

  public static IdentityAssignment of(
      String identifierType,
      String identifierValue,
      @Nullable String personId,
      @Nullable String companyId) {
    return new AutoValue_IdentityAssignment(identifierType, identifierValue, personId, companyId);
  }

  /** This assignment as a row of the registry's identity_map. */
  public Row toRow() {
    return RowBuilder.of(Tables.IDENTITY_MAP)
        .set("identifier_type", getIdentifierType())
        .set("identifier_value", getIdentifierValue())
        .set("person_id", getPersonId())
        .set("company_id", getCompanyId())
        .build();
  }
}
