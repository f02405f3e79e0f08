/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of docs/design.md, enforced: no cycle between packages, and every
 * dependency points down the layer order (entry points at the root; what must stay in the agent's
 * premain; the alerts of each kind of span and their wiring; startup's log lines and checks;
 * admission; content and delivery; window; rules; settings; alert; util). The helper package {@code
 * api} depends on opentelemetry-api alone; premain's deferral on util alone (the record of the
 * agent's start it shares with delivery), the agent listener on that record alone; delivery's JSON
 * ({@code delivery.json}) on the alert alone.
 */
class ArchitectureTest {

  private static final String ROOT = "io.github.otelopsgenie";

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".internal.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void dependenciesFollowTheLayerOrder() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("entry")
        .definedBy(ROOT)
        .layer("premain")
        .definedBy(ROOT + ".internal.premain..")
        .layer("spans")
        .definedBy(ROOT + ".internal.spans..")
        .layer("startup")
        .definedBy(ROOT + ".internal.startup..")
        .layer("admission")
        .definedBy(ROOT + ".internal.admission..")
        .layer("content")
        .definedBy(ROOT + ".internal.content..")
        .layer("delivery")
        .definedBy(ROOT + ".internal.delivery..")
        .layer("window")
        .definedBy(ROOT + ".internal.window..")
        .layer("rules")
        .definedBy(ROOT + ".internal.rules..")
        .layer("settings")
        .definedBy(ROOT + ".internal.settings..")
        .layer("alert")
        .definedBy(ROOT + ".internal.alert..")
        .layer("util")
        .definedBy(ROOT + ".internal.util..")
        .layer("api")
        .definedBy(ROOT + ".api..")
        .whereLayer("entry")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("premain")
        .mayOnlyBeAccessedByLayers("entry")
        .whereLayer("spans")
        .mayOnlyBeAccessedByLayers("entry")
        .whereLayer("startup")
        .mayOnlyBeAccessedByLayers("entry")
        .whereLayer("admission")
        .mayOnlyBeAccessedByLayers("entry", "spans")
        .whereLayer("content")
        .mayOnlyBeAccessedByLayers("entry", "spans", "admission")
        .whereLayer("delivery")
        .mayOnlyBeAccessedByLayers("entry", "spans", "startup", "admission")
        .whereLayer("window")
        .mayOnlyBeAccessedByLayers("entry", "spans", "admission", "content")
        .whereLayer("rules")
        .mayOnlyBeAccessedByLayers("entry", "spans", "admission", "content", "window")
        .whereLayer("settings")
        .mayOnlyBeAccessedByLayers(
            "entry", "spans", "startup", "admission", "content", "delivery", "window", "rules")
        .whereLayer("alert")
        .mayOnlyBeAccessedByLayers(
            "entry",
            "spans",
            "startup",
            "admission",
            "content",
            "delivery",
            "window",
            "rules",
            "settings")
        .whereLayer("util")
        .mayOnlyBeAccessedByLayers(
            "entry",
            "premain",
            "spans",
            "startup",
            "admission",
            "content",
            "delivery",
            "window",
            "rules",
            "settings",
            "alert")
        .whereLayer("api")
        .mayOnlyBeAccessedByLayers("entry", "spans", "content", "rules")
        .check(main);
  }

  /**
   * Issue 30: loaded in the agent's premain, it uses nothing of ours but util (the record of the
   * agent's start); what it builds is given.
   */
  @Test
  void premainDependsOnUtilAlone() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".internal.premain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".internal.premain..", ROOT + ".internal.util..", "java..", "io.opentelemetry..")
        .check(main);
  }

  /**
   * Issue 30: the agent listener, constructed and called on the agent's main thread, marks the
   * record of the agent's start and loads nothing else of ours (not the delivery's {@code
   * HostStartup}).
   */
  @Test
  void theAgentListenerUsesTheAgentStartAlone() {
    classes()
        .that()
        .haveFullyQualifiedName(ROOT + ".OpsgenieAgentListener")
        .should()
        .onlyDependOnClassesThat(
            JavaClass.Predicates.resideOutsideOfPackage(ROOT + "..")
                .or(
                    HasName.Predicates.nameMatching(
                        "\\Q" + ROOT + ".\\E(OpsgenieAgentListener|internal\\.util\\.AgentStart)")))
        .check(main);
  }

  @Test
  void deliveryJsonUsesTheAlertAloneAndNothingElseOfDelivery() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".internal.delivery.json..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".internal.delivery.json..", ROOT + ".internal.alert..", "java..")
        .check(main);
  }

  @Test
  void helperDependsOnOpenTelemetryApiAlone() {
    classes()
        .that()
        .resideInAPackage(ROOT + ".api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            ROOT + ".api..", "java..", "io.opentelemetry.api..", "io.opentelemetry.context..")
        .check(main);
  }
}
