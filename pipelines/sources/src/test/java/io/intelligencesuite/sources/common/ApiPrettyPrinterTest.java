package io.intelligencesuite.sources.common;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ApiPrettyPrinterTest {
  @Test
  public void stripeStyleIndentsWithEmptyContainersClosedInPlace() throws Exception {
    String json = "{\"a\":{},\"b\":[],\"c\":[1,{\"d\":2}]}";
    assertEquals(
        String.join(
            "\n",
            "{",
            "  \"a\": {},",
            "  \"b\": [],",
            "  \"c\": [",
            "    1,",
            "    {",
            "      \"d\": 2",
            "    }",
            "  ]",
            "}"),
        Json.MAPPER.writer(new ApiPrettyPrinter()).writeValueAsString(Json.MAPPER.readTree(json)));
  }
}
