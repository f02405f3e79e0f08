/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

/** The URL an alert shows: built from the span's attributes, query values never shown. */
class RequestUrlTest {

  @Test
  void aFullUrlKeepsItsQueryNamesOnly() {
    Attributes attributes =
        Attributes.builder().put("url.full", "https://shop/a?token=secret&flag").build();
    assertThat(RequestUrl.of(attributes, "/a")).isEqualTo("https://shop/a?token=REDACTED&flag");
  }

  @Test
  void aUrlIsBuiltFromItsPartsWithoutTheDefaultPort() {
    Attributes attributes =
        Attributes.builder()
            .put("url.scheme", "https")
            .put("server.address", "shop")
            .put("server.port", 443L)
            .put("url.query", "page=2")
            .build();
    assertThat(RequestUrl.of(attributes, "/orders")).isEqualTo("https://shop/orders?page=REDACTED");
    Attributes other =
        Attributes.builder().put("server.address", "shop").put("server.port", 8080L).build();
    assertThat(RequestUrl.of(other, "/a")).isEqualTo("http://shop:8080/a");
  }

  @Test
  void noPathAndNoHostIsNoUrl() {
    assertThat(RequestUrl.of(Attributes.empty(), null)).isNull();
  }
}
