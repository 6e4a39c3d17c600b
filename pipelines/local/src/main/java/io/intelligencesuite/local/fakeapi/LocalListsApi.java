package io.intelligencesuite.local.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake API that serves, per request path, a JSON list read from the demo company's bodies (the
 * ChartMogul and HubSpot fakes). A test may change a list before {@link #start()}: a bad record, an
 * empty list.
 */
public abstract class LocalListsApi<S extends LocalListsApi<S>> extends LocalApiServer<S> {
  private final Map<String, List<JsonNode>> lists = new LinkedHashMap<>();

  /** Serves at each path of {@code files} the array {@code field} of that file of {@code dir}. */
  LocalListsApi(String threadName, int threads, Path dir, Map<String, String> files, String field)
      throws IOException {
    super(threadName, threads);
    for (Map.Entry<String, String> f : files.entrySet()) {
      lists.put(f.getKey(), readList(dir.resolve(f.getValue()), field));
    }
  }

  /** The objects served at {@code path}; null for a path this API does not serve. */
  public final List<JsonNode> served(String path) {
    return lists.get(path);
  }
}
