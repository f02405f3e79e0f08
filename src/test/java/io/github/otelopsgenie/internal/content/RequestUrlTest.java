/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

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

  /** Issue 27: path parameters reached Opsgenie unredacted. */
  @Test
  void matrixParametersOfAnyPathSegmentKeepTheirNamesOnly() {
    assertThat(RequestUrl.redactPath("/cart;jsessionid=ABC123"))
        .isEqualTo("/cart;jsessionid=REDACTED");
    assertThat(RequestUrl.redactPath("/a;x=1;y=2/b;flag/c;token=t=t;z"))
        .isEqualTo("/a;x=REDACTED;y=REDACTED/b;flag/c;token=REDACTED;z");
    assertThat(RequestUrl.redactPath("/plain/path")).isSameAs("/plain/path").isNotNull();
    assertThat(RequestUrl.redactPath(null)).isNull();
  }

  @Test
  void aRouteIsThePathWithoutItsMatrixParameters() {
    assertThat(RequestUrl.withoutParameters("/cart;jsessionid=ABC123")).isEqualTo("/cart");
    assertThat(RequestUrl.withoutParameters("/a;x=1/b;flag/c")).isEqualTo("/a/b/c");
    String plain = "/plain/path";
    assertThat(RequestUrl.withoutParameters(plain)).isSameAs(plain);
  }

  @Test
  void aFullUrlAndABuiltOneRedactMatrixParameters() {
    Attributes full =
        Attributes.builder()
            .put("url.full", "https://shop/cart;jsessionid=ABC/items;v=2?token=secret")
            .build();
    assertThat(RequestUrl.of(full, "/cart;jsessionid=ABC/items;v=2"))
        .isEqualTo("https://shop/cart;jsessionid=REDACTED/items;v=REDACTED?token=REDACTED");
    Attributes noQuery =
        Attributes.builder().put("url.full", "http://shop/cart;jsessionid=ABC").build();
    assertThat(RequestUrl.of(noQuery, null)).isEqualTo("http://shop/cart;jsessionid=REDACTED");
    Attributes parts =
        Attributes.builder().put("server.address", "shop").put("server.port", 8080L).build();
    assertThat(RequestUrl.of(parts, "/cart;jsessionid=ABC"))
        .isEqualTo("http://shop:8080/cart;jsessionid=REDACTED");
  }
}
