package io.intelligencesuite.transforms.identity;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCaseFormat;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.CaseFormat;

/**
 * A link the resolver refused to make, for {@code identity_rejections}: both identifiers are valid
 * and stay resolved, but not together. {@code identifier} is the side that stays apart (the shared
 * device, the shared domain, the identifier that would have been one too many); {@code linked} the
 * other end. A person in the company graph is reported under its anchor identifier. Schema fields:
 * {@code level, rule, identifier_type, identifier_value, linked_type, linked_value, reason}.
 */
@DefaultSchema(AutoValueSchema.class)
@SchemaCaseFormat(CaseFormat.LOWER_UNDERSCORE)
@AutoValue
public abstract class IdentityLinkRejection implements Serializable {

  /** {@code person} or {@code company}. */
  public abstract String getLevel();

  /** One of {@link IdentityRules#RULES}. */
  public abstract String getRule();

  public abstract String getIdentifierType();

  public abstract String getIdentifierValue();

  public abstract String getLinkedType();

  public abstract String getLinkedValue();

  /** Human readable: names both identifiers, the rule and what each stays with. */
  public abstract String getReason();

  public static IdentityLinkRejection of(
      String level,
      String rule,
      String identifierType,
      String identifierValue,
      String linkedType,
      String linkedValue,
      String reason) {
    return new AutoValue_IdentityLinkRejection(
        level, rule, identifierType, identifierValue, linkedType, linkedValue, reason);
  }
}
