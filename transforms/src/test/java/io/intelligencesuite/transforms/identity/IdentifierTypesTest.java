package io.intelligencesuite.transforms.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.intelligencesuite.schemas.Tables;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

/** The identifier types ResolveIdentities writes are exactly the ones the registry accepts. */
public class IdentifierTypesTest {
  @Test
  public void registryAcceptsExactlyTheResolvedTypes() {
    Set<String> resolved = new HashSet<>(IdentifierTypes.PERSON_LEVEL);
    resolved.addAll(IdentifierTypes.COMPANY_LEVEL);
    Set<String> accepted = new HashSet<>(Tables.IDENTITY_MAP.column("identifier_type").orElseThrow()
        .acceptedValues().values());
    assertEquals(accepted, resolved);
    // account_id is kept, as a company-level identifier (no person), like the billing customers.
    assertEquals(Set.of("domain", "account_id", "stripe_customer", "chartmogul_customer"),
        IdentifierTypes.COMPANY_LEVEL);
  }

  @Test
  public void aliasesMapToCanonicalTypesAndUnknownTypesAreRejected() {
    assertEquals("ga_pseudo_id", IdentifierTypes.canonicalType(" GA_Client_Id "));
    assertEquals("domain", IdentifierTypes.canonicalType("company_domain"));
    assertEquals("account_id", IdentifierTypes.canonicalType("account_id"));
    assertNull(IdentifierTypes.canonicalType("phone"));
  }
}
