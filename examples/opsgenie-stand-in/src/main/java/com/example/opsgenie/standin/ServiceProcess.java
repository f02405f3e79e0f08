package com.example.opsgenie.standin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example service in a JVM of its own, usually under the OpenTelemetry Java agent with the
 * otel-opsgenie extension. The service prints {@code EXAMPLE-READY port=N} when it serves; its
 * output (stdout and stderr, which carries the agent's log) is kept in memory and in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("EXAMPLE-READY port=(\\d+)");

  private final String name;
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private volatile int port = -1;

  private ServiceProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Every line the service printed so far. */
  public List<String> output() {
    return new ArrayList<>(output);
  }

  /** The lines printed so far that match. */
  public List<String> lines(Predicate<String> filter) {
    List<String> out = new ArrayList<>();
    for (String line : output) {
      if (filter.test(line)) {
        out.add(line);
      }
    }
    return out;
  }

  /** Waits until a line matches; returns it, or null when the time ran out. */
  public String awaitLine(Predicate<String> filter, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (String line : output) {
          if (filter.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Stops the service as an operator would (SIGTERM: shutdown hooks flush the SDK), then waits. */
  public int stop(Duration grace) throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
    // let the reader drain what the process printed last
    Thread.sleep(100);
    return process.exitValue();
  }

  /** Kills the service at once (SIGKILL: no shutdown hook runs, as in a crash or an OOM kill). */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(100);
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(20));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void pump(Path logFile) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer log = logFile == null ? Writer.nullWriter() : Files.newBufferedWriter(logFile)) {
      String line;
      while ((line = in.readLine()) != null) {
        log.write(line);
        log.write('\n');
        log.flush();
        Matcher m = READY.matcher(line);
        if (m.find() && port < 0) {
          port = Integer.parseInt(m.group(1));
        }
        synchronized (lock) {
          output.add(line);
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      output.add("[launcher] output reader stopped: " + e);
    }
  }

  /** Command line and environment of one service. */
  public static final class Builder {
    private final String name;
    private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private Path agent;
    private final List<String> extensions = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> appArgs = new ArrayList<>();
    private List<String> launch;
    private Path logFile;
    private Path workDir;

    private Builder(String name) {
      this.name = name;
    }

    /** The java executable that runs the service; by default the one running the launcher. */
    public Builder java(Path executable) {
      this.java = executable;
      return this;
    }

    /** Runs the service under this agent jar ({@code -javaagent}). */
    public Builder agent(Path agentJar) {
      this.agent = agentJar;
      return this;
    }

    /** Adds an agent extension ({@code -Dotel.javaagent.extensions}). */
    public Builder extension(Path extensionJar) {
      this.extensions.add(extensionJar.toAbsolutePath().toString());
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    /** An environment variable; the launcher's own OTEL_* variables are never inherited. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    public Builder jar(Path jar) {
      launch = List.of("-jar", jar.toAbsolutePath().toString());
      return this;
    }

    public Builder classpath(String classpath, String mainClass) {
      launch = List.of("-cp", classpath, mainClass);
      return this;
    }

    public Builder arg(String arg) {
      appArgs.add(arg);
      return this;
    }

    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    public List<String> command() {
      List<String> cmd = new ArrayList<>();
      cmd.add(java.toString());
      cmd.add("-XX:TieredStopAtLevel=1");
      if (agent != null) {
        cmd.add("-javaagent:" + agent.toAbsolutePath());
      }
      if (!extensions.isEmpty()) {
        cmd.add("-Dotel.javaagent.extensions=" + String.join(",", extensions));
      }
      cmd.addAll(jvmArgs);
      for (Map.Entry<String, String> p : systemProperties.entrySet()) {
        cmd.add("-D" + p.getKey() + "=" + p.getValue());
      }
      if (launch == null) {
        throw new IllegalStateException("set jar(...) or classpath(...) for " + name);
      }
      cmd.addAll(launch);
      cmd.addAll(appArgs);
      return cmd;
    }

    /** Starts the service and waits for its ready line. */
    public ServiceProcess start(Duration timeout) throws IOException, InterruptedException {
      ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      pb.environment()
          .keySet()
          .removeIf(
              k ->
                  k.startsWith("OTEL_")
                      || k.equals("JAVA_TOOL_OPTIONS")
                      || k.equals("_JAVA_OPTIONS")
                      || k.equals("JDK_JAVA_OPTIONS"));
      pb.environment().putAll(env);
      if (logFile != null) {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.writeString(
            logFile.resolveSibling(logFile.getFileName() + ".cmd"),
            String.join(" ", pb.command()) + "\n" + env + "\n");
      }
      ServiceProcess service = new ServiceProcess(name, pb.start());
      Thread reader = new Thread(() -> service.pump(logFile), name + "-output");
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (service.port < 0 && service.isAlive() && System.nanoTime() < deadline) {
        service.awaitLine(l -> READY.matcher(l).find(), Duration.ofMillis(250));
      }
      if (!service.isAlive() || service.port < 0) {
        List<String> out = service.output();
        service.close();
        throw new IllegalStateException(
            name
                + " did not start within "
                + timeout
                + " (log "
                + logFile
                + "); last lines:\n  "
                + String.join("\n  ", out.subList(Math.max(0, out.size() - 40), out.size())));
      }
      return service;
    }
  }
}
