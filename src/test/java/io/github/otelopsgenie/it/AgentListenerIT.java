/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Issue 30: {@code OpsgenieAgentListener} is compiled against a declaration of the agent's {@code
 * AgentListener} (src/agent-api; its artifact is not in the build's repository). This holds the
 * extension jar's listener to the agent jar's own interface: linked against it, it implements it
 * and overrides its one method. And the listener's interface is not there without the agent: this
 * test JVM, like an application with the SDK only, does not have it, and the extension's SDK path
 * never loads the listener (the unit tests run the customizer that way).
 */
class AgentListenerIT {

  private static final String LISTENER = "io.opentelemetry.javaagent.extension.AgentListener";

  @Test
  void theExtensionsListenerImplementsTheAgentsOwnInterface() throws Exception {
    byte[] agentInterface;
    try (JarFile agent = new JarFile(E2e.agentJar().toFile())) {
      ZipEntry entry = agent.getEntry("inst/" + LISTENER.replace('.', '/') + ".classdata");
      assertThat(entry).as("the agent's AgentListener").isNotNull();
      try (InputStream in = agent.getInputStream(entry)) {
        agentInterface = in.readAllBytes();
      }
    }
    Path extension = Path.of(System.getProperty("opsgenie.extension.jar"));
    ClassLoader parent = AgentListenerIT.class.getClassLoader();
    try (AgentTypes loader =
        new AgentTypes(new URL[] {extension.toUri().toURL()}, parent, agentInterface)) {
      Class<?> listenerType = Class.forName(LISTENER, false, loader);
      Class<?> ours = Class.forName("io.github.otelopsgenie.OpsgenieAgentListener", true, loader);
      assertThat(listenerType.getClassLoader()).isSameAs(loader);
      assertThat(listenerType.isAssignableFrom(ours)).isTrue();
      Method afterAgent =
          listenerType.getMethod("afterAgent", AutoConfiguredOpenTelemetrySdk.class);
      Method implemented = ours.getMethod(afterAgent.getName(), afterAgent.getParameterTypes());
      assertThat(implemented.getDeclaringClass()).isSameAs(ours);
      // constructed as the agent does, and called: never throws
      Object listener = ours.getConstructor().newInstance();
      implemented.invoke(listener, (Object) null);
    }
    assertThatThrownBy(() -> Class.forName(LISTENER, false, parent))
        .isInstanceOf(ClassNotFoundException.class);
  }

  /** The extension's classes, child-first, with the agent's AgentListener defined beside them. */
  private static final class AgentTypes extends URLClassLoader {
    private final byte[] agentInterface;

    AgentTypes(URL[] urls, ClassLoader parent, byte[] agentInterface) {
      super(urls, parent);
      this.agentInterface = agentInterface;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && name.equals(LISTENER)) {
          c = defineClass(name, agentInterface, 0, agentInterface.length);
        } else if (c == null && name.startsWith("io.github.otelopsgenie.")) {
          c = findClass(name);
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
