package io.intelligencesuite.local.bench;

import io.intelligencesuite.transforms.identity.IdentifierLink;
import io.intelligencesuite.transforms.identity.IdentityAssignment;
import io.intelligencesuite.transforms.identity.ResolveIdentities;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * The bench's union-find peer does the pipeline's work on the bench's links: on the first 30 school
 * units it finds as many identity_map rows, persons and companies as ResolveIdentities on the
 * DirectRunner.
 */
public class UnionFindPeerTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void sameRowsPersonsAndCompaniesAsThePipeline() {
    long units = 30;
    UnionFindPeer.Result peer = UnionFindPeer.run(units);
    List<IdentifierLink> links = new ArrayList<>();
    for (long u = 0; u < units; u++) {
      links.addAll(IdentityBench.unitLinks(u));
    }
    PCollection<IdentityAssignment> rows =
        p.apply(Create.of(links))
            .apply(ResolveIdentities.create())
            .get(ResolveIdentities.ASSIGNMENTS);
    PAssert.thatSingleton(rows.apply("Rows", Count.globally())).isEqualTo(peer.rows());
    // A row without a person (company) counts as one more distinct value, null.
    PAssert.thatSingleton(distinct(rows, "persons", IdentityAssignment::getPersonId))
        .isEqualTo(peer.persons() + (peer.rows() > peer.personRows() ? 1L : 0L));
    PAssert.thatSingleton(distinct(rows, "companies", IdentityAssignment::getCompanyId))
        .isEqualTo(peer.companies() + (peer.rowsWithoutCompany() > 0 ? 1L : 0L));
    p.run().waitUntilFinish();
  }

  /** How many distinct values {@code value} takes over {@code rows} (null is one of them). */
  private static PCollection<Long> distinct(
      PCollection<IdentityAssignment> rows,
      String what,
      SerializableFunction<IdentityAssignment, Object> value) {
    return rows.apply(
            what,
            MapElements.into(TypeDescriptors.strings())
                .via((IdentityAssignment a) -> String.valueOf(value.apply(a))))
        .apply("Distinct " + what, Distinct.create())
        .apply("Count " + what, Count.globally());
  }
}
