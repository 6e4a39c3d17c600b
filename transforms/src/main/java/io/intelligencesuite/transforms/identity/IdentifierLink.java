package io.intelligencesuite.transforms.identity;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCaseFormat;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.CaseFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One edge of the identity graph, emitted by a staging table: "these two identifiers belong to the
 * same person" (two person-level identifiers), "this person belongs to this company" (a
 * person-level and a company-level identifier) or "these two company identifiers are one company"
 * (two company-level identifiers). See {@link IdentifierTypes}.
 *
 * <p>A link with no right side ({@link #single}) carries one identifier with no partner, e.g. a GA4
 * visitor who never logged in: it still gets a person_id.
 *
 * <p>Schema fields: {@code left_type, left_value, right_type, right_value, source}.
 */
@DefaultSchema(AutoValueSchema.class)
@SchemaCaseFormat(CaseFormat.LOWER_UNDERSCORE)
@AutoValue
public abstract class IdentifierLink implements Serializable {

  public abstract String getLeftType();

  public abstract @Nullable String getLeftValue();

  public abstract @Nullable String getRightType();

  public abstract @Nullable String getRightValue();

  /** The staging table (or derivation) that emitted the link, e.g. {@code users}. */
  public abstract String getSource();

  public static IdentifierLink of(
      String leftType, String leftValue, String rightType, String rightValue, String source) {
    return builder()
        .setLeftType(leftType)
        .setLeftValue(leftValue)
        .setRightType(rightType)
        .setRightValue(rightValue)
        .setSource(source)
        .build();
  }

  /** One identifier with no partner: it still gets an identity_map row of its own. */
  public static IdentifierLink single(String type, String value, String source) {
    return builder().setLeftType(type).setLeftValue(value).setSource(source).build();
  }

  public boolean isSingle() {
    return getRightType() == null;
  }

  public static Builder builder() {
    return new AutoValue_IdentifierLink.Builder();
  }

  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setLeftType(String value);

    public abstract Builder setLeftValue(@Nullable String value);

    public abstract Builder setRightType(@Nullable String value);

    public abstract Builder setRightValue(@Nullable String value);

    public abstract Builder setSource(String value);

    public abstract IdentifierLink build();
  }
}
