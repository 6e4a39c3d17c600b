package io.intelligencesuite.templates;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One flex-template parameter in the format the Dataflow console reads (name, label, helpText,
 * isOptional, regexes, paramType, defaultValue, enumOptions), derived from an {@link OptionSpec}.
 * The few rules that differ from the options interface are here and nowhere else:
 *
 * <ul>
 *   <li>Secrets ({@code *Secret}) take a Secret Manager version name only, and are required on
 *       Dataflow: the launcher has no environment-variable fallback and the plain-password options
 *       are local-only.
 *   <li>Secret maps ({@code *Secrets}, one secret per provider) take PROVIDER=version-name pairs
 *       only, and stay optional: only the providers a run reads over HTTP need one (and on
 *       Dataflow, each of them does).
 *   <li>{@code warehouse} is required and BigQuery only: its default is the local DuckDB file.
 *   <li>Dates (a description that says YYYY-MM-DD), numbers and booleans get a regex the console
 *       checks.
 * </ul>
 */
public record TemplateParameter(
    String name,
    String label,
    String helpText,
    boolean optional,
    List<String> regexes,
    String paramType,
    @Nullable String defaultValue,
    List<String> enumOptions) {

  /** A Secret Manager secret version; {@code latest} is a version alias Secret Manager accepts. */
  public static final String SECRET_REGEX = "^projects/[^/]+/secrets/[^/]+/versions/[^/]+$";

  /** PROVIDER=secret version pairs, comma-separated. */
  public static final String SECRET_MAP_REGEX =
      "^[a-z0-9_]+=projects/[^/,]+/secrets/[^/,]+/versions/[^/,]+"
          + "(,[a-z0-9_]+=projects/[^/,]+/secrets/[^/,]+/versions/[^/,]+)*$";

  public static final String WAREHOUSE_REGEX =
      "^bigquery:[a-z][-a-z0-9]{4,28}[a-z0-9]\\.[A-Za-z0-9_]{1,1024}$";
  public static final String DATE_REGEX = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
  public static final String NUMBER_REGEX = "^[0-9]+$";
  public static final String BOOLEAN_REGEX = "^(true|false)$";

  static final String SECRET_HELP =
      " On Dataflow this is required and takes a Secret Manager version name only, "
          + "projects/PROJECT/secrets/NAME/versions/VERSION (VERSION may be latest), never the secret itself; the "
          + "launch service account needs roles/secretmanager.secretAccessor on that secret.";
  static final String SECRET_MAP_HELP =
      " Takes PROVIDER=Secret Manager version name pairs only, "
          + "PROVIDER=projects/PROJECT/secrets/NAME/versions/VERSION, never a secret itself; the launch service "
          + "account needs roles/secretmanager.secretAccessor on each secret. On Dataflow there is no "
          + "environment-variable fallback: every provider the run reads over HTTP needs its pair here.";
  static final String WAREHOUSE_HELP =
      " Templates write to BigQuery only: bigquery:PROJECT.DATASET.";

  /** Words shown in capitals (or with their brand's casing) in labels. */
  private static final Map<String, String> LABEL_WORDS =
      Map.of(
          "jdbc",
          "JDBC",
          "url",
          "URL",
          "api",
          "API",
          "ga4",
          "GA4",
          "id",
          "ID",
          "ssl",
          "SSL",
          "chartmogul",
          "ChartMogul",
          "hubspot",
          "HubSpot",
          "crm",
          "CRM",
          "millis",
          "(ms)");

  /** Whether this option may appear in a template at all. */
  public static boolean exposed(OptionSpec option) {
    return !option.localOnly();
  }

  /** Options that are optional locally but required on Dataflow (see the class comment). */
  public static boolean requiredOnDataflow(OptionSpec option) {
    return isSecret(option) || option.name().equals("warehouse");
  }

  public static boolean isSecret(OptionSpec option) {
    return option.name().endsWith("Secret");
  }

  public static boolean isSecretMap(OptionSpec option) {
    return option.name().endsWith("Secrets");
  }

  public static TemplateParameter from(OptionSpec option) {
    if (!exposed(option)) {
      throw new IllegalArgumentException(
          option.name() + " is local-only and has no template parameter");
    }
    if (option.description() == null || option.description().isBlank()) {
      throw new IllegalArgumentException(
          "option "
              + option.name()
              + " has no @Description; every template "
              + "parameter's help text comes from it, so add one to the options interface");
    }
    String help = option.description().strip();
    List<String> regexes = List.of();
    String type = "TEXT";
    List<String> enumOptions = List.of();
    if (isSecret(option)) {
      help += SECRET_HELP;
      regexes = List.of(SECRET_REGEX);
    } else if (isSecretMap(option)) {
      help += SECRET_MAP_HELP;
      regexes = List.of(SECRET_MAP_REGEX);
    } else if (option.name().equals("warehouse")) {
      help += WAREHOUSE_HELP;
      regexes = List.of(WAREHOUSE_REGEX);
    } else if (option.type() == boolean.class || option.type() == Boolean.class) {
      type = "BOOLEAN";
      regexes = List.of(BOOLEAN_REGEX);
    } else if (List.of(int.class, long.class, Integer.class, Long.class).contains(option.type())) {
      type = "NUMBER";
      regexes = List.of(NUMBER_REGEX);
    } else if (option.type().isEnum()) {
      type = "ENUM";
      enumOptions =
          java.util.Arrays.stream(option.type().getEnumConstants()).map(Object::toString).toList();
    } else if (option.type() != String.class) {
      throw new IllegalArgumentException(
          "option "
              + option.name()
              + " has type "
              + option.type().getName()
              + ", which a flex template cannot pass; use String, a number, a boolean or an enum");
    } else if (help.contains("YYYY-MM-DD")) {
      regexes = List.of(DATE_REGEX);
    }
    boolean optional = !(option.required() || requiredOnDataflow(option));
    return new TemplateParameter(
        option.name(),
        label(option.name()),
        help,
        optional,
        regexes,
        type,
        optional ? option.defaultValue() : null,
        enumOptions);
  }

  /** The parameter of the one-image dispatcher: which pipeline this template runs. */
  public static TemplateParameter pipelineSelector(String pipeline) {
    if (!pipeline.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "pipeline name '"
              + pipeline
              + "' must be lower-case letters, digits and '-': "
              + "it becomes a Dataflow job name and a Cloud Scheduler job id");
    }
    return new TemplateParameter(
        FlexTemplateMain.PIPELINE_PARAMETER,
        "Pipeline",
        "Which pipeline this template runs. All templates share one image whose launcher dispatches on this "
            + "value; it can only be "
            + pipeline
            + ".",
        false,
        List.of("^" + pipeline + "$"),
        "ENUM",
        pipeline,
        List.of(pipeline));
  }

  /** {@code backendJdbcUrl} -> "Backend JDBC URL". */
  static String label(String name) {
    String[] words = name.split("(?<=[a-z0-9])(?=[A-Z])");
    StringBuilder label = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String word = words[i].toLowerCase(Locale.ROOT);
      String shown =
          LABEL_WORDS.getOrDefault(
              word, i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      label.append(i == 0 ? "" : " ").append(shown);
    }
    return label.toString();
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("label", label);
    json.put("helpText", helpText);
    json.put("isOptional", optional);
    json.put("paramType", paramType);
    if (!regexes.isEmpty()) {
      ArrayNode array = json.putArray("regexes");
      regexes.forEach(array::add);
    }
    if (!enumOptions.isEmpty()) {
      ArrayNode array = json.putArray("enumOptions");
      enumOptions.forEach(v -> array.addObject().put("value", v).put("label", v));
    }
    if (defaultValue != null
        && !defaultValue.isEmpty()) { // an empty default says nothing to the console
      json.put("defaultValue", defaultValue);
    }
    return json;
  }

  @Override
  public String toString() {
    return name
        + (optional ? "?" : "")
        + regexes.stream().collect(Collectors.joining(",", "[", "]"));
  }
}
