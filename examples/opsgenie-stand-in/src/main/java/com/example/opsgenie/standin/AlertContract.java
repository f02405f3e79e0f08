package com.example.opsgenie.standin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Opsgenie accepts on {@code POST /v2/alerts}, read from two files: the Swagger {@code
 * CreateAlertPayload} (field names and types, required fields, the priority enum, the responder
 * shapes) and {@code create-alert-limits.json} (the documented limits the spec lacks). {@link
 * #check} lists every way a body breaks them. The same files describe {@code POST
 * /v2/alerts/{identifier}/close}: {@code CloseAlertPayload} and the limits' {@code close} section
 * ({@link #checkClose}, {@link #identifierTypes}).
 */
public final class AlertContract {

  static final String SWAGGER = "alert-api-subset.swagger.json";
  static final String LIMITS = "create-alert-limits.json";

  private final Map<String, Map<String, Object>> properties;
  private final Set<String> required;
  private final Map<String, Map<String, Object>> limits;
  private final Map<String, Set<String>> responderKeys;
  private final Map<String, Map<String, Object>> closeProperties;
  private final Map<String, Map<String, Object>> closeLimits;
  private final List<String> identifierTypes;

  /**
   * The swagger's operations as "METHOD /path/{param}", e.g. "GET /v2/alerts/requests/{requestId}".
   */
  private Set<String> operations = Set.of();

  private AlertContract(
      Map<String, Map<String, Object>> properties,
      Set<String> required,
      Map<String, Map<String, Object>> limits,
      Map<String, Set<String>> responderKeys,
      Map<String, Map<String, Object>> closeProperties,
      Map<String, Map<String, Object>> closeLimits,
      List<String> identifierTypes) {
    this.properties = properties;
    this.required = required;
    this.limits = limits;
    this.responderKeys = responderKeys;
    this.closeProperties = closeProperties;
    this.closeLimits = closeLimits;
    this.identifierTypes = identifierTypes;
  }

  /** Where the contract lives on the class path (this project's resources). */
  static final String RESOURCE_DIR = "/opsgenie-api/";

  /**
   * Reads the contract the stand-in carries: {@value #SWAGGER} and {@value #LIMITS} under {@value
   * #RESOURCE_DIR} on its class path (src/main/resources/opsgenie-api, whose README names their
   * source).
   *
   * @throws IllegalStateException naming the missing resource
   */
  public static AlertContract load() {
    return parse(
        resource(SWAGGER), resource(LIMITS), RESOURCE_DIR + SWAGGER, RESOURCE_DIR + LIMITS);
  }

  /**
   * Reads the contract from a directory holding {@value #SWAGGER} and {@value #LIMITS}: another
   * version of it than the one {@link #load()} reads.
   *
   * @throws IllegalStateException naming the missing file
   */
  public static AlertContract load(Path specDir) {
    Path swaggerFile = specDir.resolve(SWAGGER);
    Path limitsFile = specDir.resolve(LIMITS);
    for (Path p : List.of(swaggerFile, limitsFile)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(
            "Opsgenie API contract file not found: "
                + p.toAbsolutePath().normalize()
                + " (the directory must hold "
                + SWAGGER
                + " and "
                + LIMITS
                + ")");
      }
    }
    return parse(
        read(swaggerFile), read(limitsFile), swaggerFile.toString(), limitsFile.toString());
  }

  @SuppressWarnings("unchecked")
  private static AlertContract parse(
      String swaggerText, String limitsText, String swaggerFile, String limitsFile) {
    Map<String, Object> definitions =
        (Map<String, Object>) ((Map<String, Object>) Json.parse(swaggerText)).get("definitions");
    Map<String, Map<String, Object>> props = new LinkedHashMap<>();
    Set<String> req = new LinkedHashSet<>();
    collect(definitions, "CreateAlertPayload", props, req);
    if (!props.containsKey("message")) {
      throw new IllegalStateException(swaggerFile + " has no CreateAlertPayload.message");
    }
    Map<String, Object> limitsJson = (Map<String, Object>) Json.parse(limitsText);
    Map<String, Map<String, Object>> lim =
        (Map<String, Map<String, Object>>) limitsJson.get("create");
    Map<String, Object> close = (Map<String, Object>) limitsJson.get("close");
    if (close == null
        || !(close.get("body") instanceof Map)
        || !(close.get("query") instanceof Map)) {
      throw new IllegalStateException(limitsFile + " has no close.body and close.query");
    }
    Map<String, Map<String, Object>> closeLim =
        (Map<String, Map<String, Object>>) close.get("body");
    List<String> idTypes =
        (List<String>) ((Map<String, Object>) close.get("query")).get("identifierType");
    Map<String, Map<String, Object>> closeProps = new LinkedHashMap<>();
    collect(definitions, "CloseAlertPayload", closeProps, new LinkedHashSet<>());

    // responder shapes: Recipient's own properties plus each subtype's, by discriminator value
    Map<String, Map<String, Object>> base = new LinkedHashMap<>();
    collect(definitions, "Recipient", base, new LinkedHashSet<>());
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Object> d : definitions.entrySet()) {
      Map<String, Object> def = (Map<String, Object>) d.getValue();
      Object discriminator = def.get("x-discriminator-value");
      if (discriminator instanceof String && refersTo(def, "Recipient")) {
        Map<String, Map<String, Object>> sub = new LinkedHashMap<>();
        collect(definitions, d.getKey(), sub, new LinkedHashSet<>());
        keys.put((String) discriminator, sub.keySet());
      }
    }
    AlertContract contract =
        new AlertContract(props, req, lim, keys, closeProps, closeLim, idTypes);
    Set<String> ops = new LinkedHashSet<>();
    Map<String, Object> paths =
        (Map<String, Object>) ((Map<String, Object>) Json.parse(swaggerText)).get("paths");
    for (Map.Entry<String, Object> path : paths.entrySet()) {
      for (String method : ((Map<String, Object>) path.getValue()).keySet()) {
        ops.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
      }
    }
    contract.operations = Set.copyOf(ops);
    contract.loadNotes(definitions, limitsJson, limitsFile);
    return contract;
  }

  /**
   * Every problem with one request-status call ({@code GET /v2/alerts/requests/{requestId}},
   * operation getRequestStatus): the operation must be in the contract, the id one non-blank path
   * segment, and there is no body.
   */
  public List<String> checkRequestStatus(String method, String requestId, String rawBody) {
    List<String> problems = new java.util.ArrayList<>();
    if (!operations.contains(method + " /v2/alerts/requests/{requestId}")) {
      problems.add(method + " /v2/alerts/requests/{requestId} is not an operation of " + SWAGGER);
    }
    if (requestId == null || requestId.isBlank() || requestId.contains("/")) {
      problems.add("the request id is not one non-blank path segment: " + requestId);
    }
    if (rawBody != null && !rawBody.isEmpty()) {
      problems.add("getRequestStatus takes no body, got " + rawBody.length() + " bytes");
    }
    return problems;
  }

  private Map<String, Map<String, Object>> noteProperties = new LinkedHashMap<>();
  private Set<String> noteRequired = new LinkedHashSet<>();
  private Map<String, Map<String, Object>> noteLimits = new LinkedHashMap<>();

  /**
   * {@code AddNoteToAlertPayload} from the spec, its limits from the limits file's {@code addNote}.
   */
  @SuppressWarnings("unchecked")
  private void loadNotes(
      Map<String, Object> definitions, Map<String, Object> limitsJson, String limitsFile) {
    Map<String, Object> addNote = (Map<String, Object>) limitsJson.get("addNote");
    if (addNote == null || !(addNote.get("body") instanceof Map)) {
      throw new IllegalStateException(limitsFile + " has no addNote.body");
    }
    noteLimits = (Map<String, Map<String, Object>>) addNote.get("body");
    collect(definitions, "AddNoteToAlertPayload", noteProperties, noteRequired);
  }

  /**
   * Every problem with one add-note body ({@code AddNoteToAlertPayload}); empty when Opsgenie would
   * accept it.
   */
  public List<String> checkNote(Object body) {
    List<String> problems = new ArrayList<>();
    if (!(body instanceof Map)) {
      problems.add("the note body is not a JSON object");
      return problems;
    }
    for (String field : noteRequired) {
      if (!((Map<?, ?>) body).containsKey(field)) {
        problems.add("required field " + field + " is missing");
      }
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) body).entrySet()) {
      String field = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (!noteProperties.containsKey(field)) {
        problems.add(
            "field " + field + " is not an AddNoteToAlertPayload field " + noteProperties.keySet());
      } else if (!(value instanceof String)) {
        problems.add(field + " must be a string, was " + Json.write(value));
      } else {
        Map<String, Object> limit = noteLimits.get(field);
        if (limit != null) {
          checkLimit(field, limit, value, problems);
        }
      }
    }
    return problems;
  }

  /** The values of a close's {@code identifierType} query parameter: id, alias, tiny. */
  public List<String> identifierTypes() {
    return identifierTypes;
  }

  /** The longest alias Opsgenie accepts (the create limit), which a close by alias names. */
  public int aliasMaxChars() {
    Map<String, Object> alias = limits.get("alias");
    return alias != null && alias.get("maxChars") instanceof Number
        ? ((Number) alias.get("maxChars")).intValue()
        : 512;
  }

  /**
   * Every problem with one close-alert body ({@code CloseAlertPayload}); empty when Opsgenie would
   * accept it.
   */
  public List<String> checkClose(Object body) {
    List<String> problems = new ArrayList<>();
    if (!(body instanceof Map)) {
      problems.add("the close body is not a JSON object");
      return problems;
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) body).entrySet()) {
      String field = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (!closeProperties.containsKey(field)) {
        problems.add(
            "field " + field + " is not a CloseAlertPayload field " + closeProperties.keySet());
      } else if (!(value instanceof String)) {
        problems.add(field + " must be a string, was " + Json.write(value));
      } else {
        Map<String, Object> limit = closeLimits.get(field);
        if (limit != null) {
          checkLimit(field, limit, value, problems);
        }
      }
    }
    return problems;
  }

  /** Every problem with one create-alert body; empty when Opsgenie would accept it as it is. */
  @SuppressWarnings("unchecked")
  public List<String> check(Object body) {
    List<String> problems = new ArrayList<>();
    if (!(body instanceof Map)) {
      problems.add("the body is not a JSON object");
      return problems;
    }
    Map<String, Object> alert = (Map<String, Object>) body;
    for (String field : required) {
      if (!alert.containsKey(field)) {
        problems.add("required field " + field + " is missing");
      }
    }
    for (Map.Entry<String, Object> e : alert.entrySet()) {
      String field = e.getKey();
      Object value = e.getValue();
      Map<String, Object> schema = properties.get(field);
      if (schema == null) {
        problems.add(
            "field " + field + " is not a CreateAlertPayload field " + properties.keySet());
        continue;
      }
      if (value == null) {
        problems.add("field " + field + " is null");
        continue;
      }
      checkType(field, schema, value, problems);
      Map<String, Object> limit = limits.get(field);
      if (limit != null) {
        checkLimit(field, limit, value, problems);
      }
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  private void checkType(
      String field, Map<String, Object> schema, Object value, List<String> problems) {
    String type = (String) schema.get("type");
    if ("string".equals(type)) {
      if (!(value instanceof String)) {
        problems.add(field + " must be a string, was " + Json.write(value));
      } else if (schema.get("enum") instanceof List
          && !((List<Object>) schema.get("enum")).contains(value)) {
        problems.add(field + "=" + value + " is not one of " + schema.get("enum"));
      }
    } else if ("array".equals(type)) {
      if (!(value instanceof List)) {
        problems.add(field + " must be an array, was " + Json.write(value));
        return;
      }
      Map<String, Object> items = (Map<String, Object>) schema.get("items");
      boolean strings = items != null && "string".equals(items.get("type"));
      for (Object item : (List<Object>) value) {
        if (strings && !(item instanceof String)) {
          problems.add(field + " items must be strings, found " + Json.write(item));
        } else if (!strings) {
          checkRecipient(field, item, problems);
        }
      }
    } else if ("object".equals(type)) {
      if (!(value instanceof Map)) {
        problems.add(field + " must be an object, was " + Json.write(value));
        return;
      }
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        if (!(e.getValue() instanceof String)) {
          problems.add(
              field
                  + "."
                  + e.getKey()
                  + " must be a string (a flat string map), was "
                  + Json.write(e.getValue()));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void checkRecipient(String field, Object item, List<String> problems) {
    if (!(item instanceof Map)) {
      problems.add(field + " items must be objects, found " + Json.write(item));
      return;
    }
    Map<String, Object> r = (Map<String, Object>) item;
    Object type = r.get("type");
    Set<String> allowed = type instanceof String ? responderKeys.get(type) : null;
    if (allowed == null) {
      problems.add(field + " item has an unknown type: " + Json.write(item));
      return;
    }
    boolean identified = false;
    for (Map.Entry<String, Object> e : r.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        problems.add(
            field
                + " item of type "
                + type
                + " may not have "
                + e.getKey()
                + " (allowed "
                + allowed
                + ")");
      } else if (!(e.getValue() instanceof String) || ((String) e.getValue()).isBlank()) {
        problems.add(field + " item field " + e.getKey() + " must be a non-blank string");
      } else if (!e.getKey().equals("type")) {
        identified = true;
      }
    }
    if (!identified) {
      problems.add(field + " item names no id, name or username: " + Json.write(item));
    }
  }

  @SuppressWarnings("unchecked")
  private void checkLimit(
      String field, Map<String, Object> limit, Object value, List<String> problems) {
    if (value instanceof String) {
      String s = (String) value;
      Number max = (Number) limit.get("maxChars");
      int chars = s.codePointCount(0, s.length());
      if (max != null && chars > max.intValue()) {
        problems.add(field + " has " + chars + " characters, over the limit of " + max);
      }
      if (Boolean.TRUE.equals(limit.get("notBlank")) && s.isBlank()) {
        problems.add(field + " is blank");
      }
      if (limit.get("values") instanceof List
          && !((List<Object>) limit.get("values")).contains(s)) {
        problems.add(field + "=" + s + " is not one of " + limit.get("values"));
      }
    } else if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      Number maxItems = (Number) limit.get("maxItems");
      if (maxItems != null && list.size() > maxItems.intValue()) {
        problems.add(field + " has " + list.size() + " items, over the limit of " + maxItems);
      }
      Number itemMax = (Number) limit.get("itemMaxChars");
      List<Object> itemTypes = (List<Object>) limit.get("itemTypes");
      for (Object item : list) {
        if (itemMax != null
            && item instanceof String
            && ((String) item).codePointCount(0, ((String) item).length()) > itemMax.intValue()) {
          problems.add(
              field + " item \"" + item + "\" is over the limit of " + itemMax + " characters");
        }
        if (itemTypes != null
            && item instanceof Map
            && !itemTypes.contains(((Map<String, Object>) item).get("type"))) {
          problems.add(
              field
                  + " item type "
                  + ((Map<String, Object>) item).get("type")
                  + " is not one of "
                  + itemTypes);
        }
      }
    } else if (value instanceof Map) {
      Number maxTotal = (Number) limit.get("maxTotalChars");
      int total = 0;
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        total += e.getKey().length() + String.valueOf(e.getValue()).length();
      }
      if (maxTotal != null && total > maxTotal.intValue()) {
        problems.add(
            field
                + " keys and values total "
                + total
                + " characters, over the limit of "
                + maxTotal);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void collect(
      Map<String, Object> definitions,
      String name,
      Map<String, Map<String, Object>> props,
      Set<String> required) {
    Map<String, Object> def = (Map<String, Object>) definitions.get(name);
    if (def == null) {
      throw new IllegalStateException("the Opsgenie spec has no definition " + name);
    }
    collectFrom(definitions, def, props, required);
  }

  @SuppressWarnings("unchecked")
  private static void collectFrom(
      Map<String, Object> definitions,
      Map<String, Object> schema,
      Map<String, Map<String, Object>> props,
      Set<String> required) {
    Object ref = schema.get("$ref");
    if (ref instanceof String) {
      collect(
          definitions,
          ((String) ref).substring(((String) ref).lastIndexOf('/') + 1),
          props,
          required);
    }
    if (schema.get("allOf") instanceof List) {
      for (Object part : (List<Object>) schema.get("allOf")) {
        collectFrom(definitions, (Map<String, Object>) part, props, required);
      }
    }
    if (schema.get("properties") instanceof Map) {
      props.putAll((Map<String, Map<String, Object>>) schema.get("properties"));
    }
    if (schema.get("required") instanceof List) {
      for (Object r : (List<Object>) schema.get("required")) {
        required.add((String) r);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean refersTo(Map<String, Object> def, String name) {
    if (!(def.get("allOf") instanceof List)) {
      return false;
    }
    for (Object part : (List<Object>) def.get("allOf")) {
      Object ref = ((Map<String, Object>) part).get("$ref");
      if (("#/definitions/" + name).equals(ref)) {
        return true;
      }
    }
    return false;
  }

  private static String resource(String name) {
    try (InputStream in = AlertContract.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "Opsgenie API contract not on the class path: " + RESOURCE_DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE_DIR + name + ": " + e, e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e, e);
    }
  }
}
