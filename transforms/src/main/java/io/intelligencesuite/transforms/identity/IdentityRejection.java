package io.intelligencesuite.transforms.identity;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCaseFormat;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.CaseFormat;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An identifier that {@link ResolveIdentities} refused to resolve, for the {@code dead_letters}
 * table: a blocked placeholder value, a free-mail domain offered as a company, or the hub of a
 * component that grew past the size cap. Each rejected value is reported once.
 *
 * <p>{@code identifier_value} is the raw value for values rejected before normalisation (blocked or
 * malformed) and the normalised value otherwise. {@code component_size} is set for size-cap
 * rejections (the size of the component before the hub was removed), null otherwise. Schema fields:
 * {@code identifier_type, identifier_value, reason, component_size}.
 */
@DefaultSchema(AutoValueSchema.class)
@SchemaCaseFormat(CaseFormat.LOWER_UNDERSCORE)
@AutoValue
public abstract class IdentityRejection implements Serializable {

  public abstract String getIdentifierType();

  public abstract String getIdentifierValue();

  /** Human readable: names the identifier and the rule that rejected it. */
  public abstract String getReason();

  public abstract @Nullable Long getComponentSize();

  public static IdentityRejection of(
      String identifierType, String identifierValue, String reason, @Nullable Long componentSize) {
    return new AutoValue_IdentityRejection(identifierType, identifierValue, reason, componentSize);
  }
}
