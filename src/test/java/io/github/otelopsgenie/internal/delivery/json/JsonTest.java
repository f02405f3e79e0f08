/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The extension's own JSON writer and reader, held against jackson (a test dependency only): what
 * one writes the other reads back unchanged, for every character a string may hold.
 */
class JsonTest {

  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void writesCompactJsonWithMembersAndArraysInOrder() {
    String json =
        new JsonWriter()
            .beginObject()
            .member("message", "a \"quoted\" \\ back\nslash")
            .name("tags")
            .beginArray()
            .value("x")
            .value("y")
            .endArray()
            .name("details")
            .beginObject()
            .member("k", "v")
            .endObject()
            .name("responders")
            .beginArray()
            .beginObject()
            .member("type", "team")
            .endObject()
            .beginObject()
            .member("type", "user")
            .endObject()
            .endArray()
            .member("none", null)
            .endObject()
            .toString();
    assertThat(json)
        .isEqualTo(
            "{\"message\":\"a \\\"quoted\\\" \\\\ back\\nslash\",\"tags\":[\"x\",\"y\"],"
                + "\"details\":{\"k\":\"v\"},"
                + "\"responders\":[{\"type\":\"team\"},{\"type\":\"user\"}],\"none\":null}");
  }

  @Test
  void escapesControlCharactersAsJacksonDoesAndLeavesTheRestAsItIs() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    all.append("é€\u2028\u2029\uD83D\uDE00\uFFFF");
    String ours = new JsonWriter().beginArray().value(all.toString()).endArray().toString();
    assertThat(ours).isEqualTo(JACKSON.writeValueAsString(Collections.singletonList(all)));
    assertThat(JsonReader.read(ours)).isEqualTo(Collections.singletonList(all.toString()));
  }

  @Test
  void randomStringsSurviveOurWriterAndJacksonsReaderAndTheReverse() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      String s = randomString(random);
      String ours = new JsonWriter().beginObject().member(s, s).endObject().toString();
      Map<?, ?> read = JACKSON.readValue(ours, Map.class);
      assertThat(read).as("%s read by jackson", ours).isEqualTo(Collections.singletonMap(s, s));
      String theirs = JACKSON.writeValueAsString(Collections.singletonMap(s, s));
      assertThat(JsonReader.read(theirs))
          .as("%s read by ours", theirs)
          .isEqualTo(Collections.singletonMap(s, s));
    }
  }

  @Test
  void readsWhatJacksonWritesOfAnyShape() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      Object tree = randomTree(random, 0);
      String json = JACKSON.writeValueAsString(tree);
      Object read = JsonReader.read(json);
      assertThat(plain(read)).as(json).isEqualTo(plain(tree));
      // and the text of every value read, read by jackson, is that value
      assertTextsReadBack(read);
    }
  }

  /** Every object, array, number, boolean and null in {@code read}: its text is that value. */
  private static void assertTextsReadBack(Object read) throws Exception {
    if (read instanceof String) {
      assertThat(JsonReader.textOf(read)).isSameAs(read);
      return;
    }
    String text = JsonReader.textOf(read);
    assertThat(plain(JACKSON.readValue(text, Object.class))).as(text).isEqualTo(plain(read));
    if (read instanceof Map) {
      for (Object member : ((Map<?, ?>) read).values()) {
        assertTextsReadBack(member);
      }
    } else if (read instanceof List) {
      for (Object item : (List<?>) read) {
        assertTextsReadBack(item);
      }
    }
  }

  @Test
  void readsOpsgeniesAnswersWithSpacesEscapesNumbersAndTrailingText() {
    Object answer =
        JsonReader.read(
            " {\n \"result\" : \"Request will be processed\",\t\"took\": 0.302,"
                + " \"requestId\": \"43a2\\u0031-\\/x\", \"code\": -12, \"big\": 12345678901234567890,"
                + " \"ok\": true, \"no\": false, \"nothing\": null, \"list\": [ ], \"obj\": { } }"
                + " trailing text");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("result", "Request will be processed");
    expected.put("took", 0.302);
    expected.put("requestId", "43a21-/x");
    expected.put("code", -12L);
    expected.put("big", 1.2345678901234567e19);
    expected.put("ok", true);
    expected.put("no", false);
    expected.put("nothing", JsonReader.NULL);
    expected.put("list", Collections.emptyList());
    expected.put("obj", Collections.emptyMap());
    assertThat(answer).isEqualTo(expected);
    assertThat(JsonReader.member(answer, "nothing")).isSameAs(JsonReader.NULL);
    assertThat(JsonReader.member(answer, "absent")).isNull();
    assertThat(JsonReader.member("not an object", "x")).isNull();
  }

  @Test
  void anythingThatIsNotJsonReadsAsNull() {
    for (String text :
        Arrays.asList(
            null,
            "",
            "   ",
            "<html>Bad Gateway</html>",
            "{\"a\":",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{a:1}",
            "[1,2",
            "[1 2]",
            "\"unterminated",
            "\"bad escape \\x\"",
            "\"short \\u12\"",
            "\"raw\ncontrol\"",
            "tru",
            "nul",
            "-",
            "1.",
            "1e",
            "{\"cut\":\"\\")) {
      assertThat(JsonReader.read(text)).as(String.valueOf(text)).isNull();
    }
  }

  @Test
  void nestingDeeperThanTheLimitReadsAsNullWithoutOverflowingTheStack() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      deep.append('[');
    }
    assertThat(JsonReader.read(deep.toString())).isNull();
    StringBuilder atLimit = new StringBuilder();
    for (int i = 0; i <= JsonReader.MAX_DEPTH; i++) {
      atLimit.append('[');
    }
    for (int i = 0; i <= JsonReader.MAX_DEPTH; i++) {
      atLimit.append(']');
    }
    assertThat(JsonReader.read(atLimit.toString())).isInstanceOf(List.class);
  }

  @Test
  void objectsAndArraysKeepTheirTextAsWrittenEvenAtTheReadersDepthLimit() {
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < JsonReader.MAX_DEPTH; i++) {
      nested.append(i % 2 == 0 ? "[ " : "[");
    }
    for (int i = 0; i < JsonReader.MAX_DEPTH; i++) {
      nested.append(i % 2 == 0 ? "]\n" : "]");
    }
    String deepest = "{\"errors\": " + nested + " , \"empty\" : { } }";
    Object read = JsonReader.read(deepest);
    assertThat(read).isNotNull();
    assertThat(JsonReader.textOf(read)).isEqualTo(deepest);
    assertThat(JsonReader.textOf(JsonReader.member(read, "errors"))).isEqualTo(nested.toString());
    assertThat(JsonReader.textOf(JsonReader.member(read, "empty"))).isEqualTo("{ }");
    // an answer's nested errors are kept as their JSON text (on one line), never a failure to parse
    OpsgenieResponse answer = ResponseParser.parse(202, deepest, null, null);
    assertThat(answer.statusCode).isEqualTo(202);
    assertThat(answer.errors)
        .containsExactly(Map.entry("errors", nested.toString().replace('\n', ' ').trim()));
  }

  private static String randomString(Random random) {
    int length = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(5)) {
        case 0:
          sb.append((char) random.nextInt(0x20)); // control characters
          break;
        case 1:
          sb.append("\"\\/".charAt(random.nextInt(3)));
          break;
        case 2:
          sb.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000)); // surrogate pairs
          break;
        case 3:
          char c = (char) random.nextInt(0xD800); // the BMP below the surrogates
          sb.append(c);
          break;
        default:
          sb.append((char) ('a' + random.nextInt(26)));
      }
    }
    return sb.toString();
  }

  private static Object randomTree(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    switch (kind) {
      case 0:
        return randomString(random);
      case 1:
        return random.nextLong() >> random.nextInt(64);
      case 2:
        return random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      case 3:
        return random.nextBoolean();
      case 4:
        return null;
      case 5:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            map.put(randomString(random), randomTree(random, depth + 1));
          }
          return map;
        }
      default:
        {
          List<Object> list = new ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            list.add(randomTree(random, depth + 1));
          }
          return list;
        }
    }
  }

  /** Numbers as long or double, JSON null as Java null: jackson's and our values compare. */
  private static Object plain(Object value) {
    if (value == JsonReader.NULL) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof java.math.BigInteger) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.put(e.getKey(), plain(e.getValue()));
      }
      return out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) value) {
        out.add(plain(item));
      }
      return out;
    }
    return value;
  }
}
