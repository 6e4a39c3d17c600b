package io.intelligencesuite.transforms.identity;

import static org.junit.Assert.assertTrue;

import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class NodeCoderTest {
  private static final List<String> NODES =
      List.of(
          "ga_pseudo_id:ga-12-0-1",
          "email:staff.3@school12.edu",
          "email:",
          "email:with:colons",
          "~email:staff.3@school12.edu",
          "~lead_id:lead-1",
          "chartmogul_customer:cus_cm_1",
          "domain:école.fr",
          "emailx:not-a-type",
          "email",
          "~",
          "~~email:x",
          "",
          "p-07",
          "\u0000changes",
          "user_id:\u00e9\u4e2d\ud83d\ude00");

  @Test
  public void decodesWhatItEncodes() throws Exception {
    for (String node : NODES) {
      CoderProperties.coderDecodeEncodeEqual(NodeCoder.of(), node);
      CoderProperties.coderDeterministic(NodeCoder.of(), node, new String(node));
    }
    CoderProperties.coderSerializable(NodeCoder.of());
  }

  @Test
  public void typedNodesAreShorterThanTheirUtf8Encoding() throws Exception {
    String node = "ga_pseudo_id:ga-12-0-1";
    assertTrue(
        CoderUtils.encodeToByteArray(NodeCoder.of(), node).length
            < CoderUtils.encodeToByteArray(StringUtf8Coder.of(), node).length - 10);
  }

  @Test
  public void differentNodesEncodeDifferently() throws Exception {
    java.util.Set<String> encodings = new java.util.HashSet<>();
    for (String node : NODES) {
      encodings.add(
          java.util.Base64.getEncoder()
              .encodeToString(CoderUtils.encodeToByteArray(NodeCoder.of(), node)));
    }
    org.junit.Assert.assertEquals(NODES.size(), encodings.size());
  }
}
