package io.fieldsync.accounting.sdktests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone sandbox exactly as a developer starts it, {@code java -jar accounting-sandbox.jar --provider …}, in
 * its own JVM on a real port, with the coordinates it prints (URLs, realm or tenant id, a ready access token) read
 * from its standard output. Its own process keeps the SDKs' dependency versions apart from the sandbox's.
 */
final class StandaloneSandbox implements AutoCloseable {

    /** "  realm id         9130…  (FieldSync Demo Company (AU))": a label, two or more spaces, the value. */
    private static final Pattern LINE = Pattern.compile("^  (\\S+(?: \\S+)*)\\s{2,}(\\S+)(?:\\s+\\((.*)\\))?.*$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Map<String, String> values;
    private final Map<String, String> remarks;
    private final List<String> output;

    private StandaloneSandbox(Process process, Map<String, String> values, Map<String, String> remarks,
            List<String> output) {
        this.process = process;
        this.values = values;
        this.remarks = remarks;
        this.output = output;
    }

    /** Starts {@code java -jar <sandbox.jar> <args> --port <free port>} and waits until it printed its last line. */
    static StandaloneSandbox start(String... args) {
        Path jar = Path.of(System.getProperty("sandbox.jar",
                "../sandbox-bundle/target/accounting-sandbox.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no standalone sandbox jar at " + jar.toAbsolutePath()
                    + ": package sandbox-bundle first (mvn install, or mvn -pl sdk-tests -am verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        command.add("--port");
        command.add(Integer.toString(freePort()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // A test JVM that ends without running close() (a crash, a kill of the build) takes its sandbox with it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "sandbox-reaper"));
            List<String> output = new ArrayList<>();
            Map<String, String> values = new HashMap<>();
            Map<String, String> remarks = new HashMap<>();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> read(process, output, values, remarks, ready), "sandbox-output");
            reader.setDaemon(true);
            reader.start();
            try {
                ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("the standalone sandbox did not start: " + snapshot(output), e);
            }
            return new StandaloneSandbox(process, values, remarks, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value printed after a label, e.g. {@code value("realm id")}. */
    String value(String label) {
        String v = values.get(label);
        if (v == null) {
            throw new IllegalStateException("the sandbox printed no '" + label + "': " + output);
        }
        return v;
    }

    /** What the sandbox printed in parentheses after a label's value, e.g. the company's name after its realm id. */
    String remark(String label) {
        return remarks.getOrDefault(label, "");
    }

    List<String> output() {
        return snapshot(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads the child's output to its end (so that a full pipe never blocks it), echoing it for whoever reads the test
     * report. The control line is the last one the jar prints before serving (webhooks aside, which these tests do
     * not ask for); {@code ready} completes there.
     */
    private static void read(Process process, List<String> output, Map<String, String> values,
            Map<String, String> remarks, CompletableFuture<Void> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[sandbox] " + line);
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = LINE.matcher(line);
                if (!ready.isDone() && m.matches()) {
                    values.put(m.group(1), m.group(2));
                    if (m.group(3) != null) {
                        remarks.put(m.group(1), m.group(3));
                    }
                    if (m.group(1).equals("control")) {
                        ready.complete(null);
                    }
                }
            }
            ready.completeExceptionally(new IllegalStateException("the sandbox ended before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
