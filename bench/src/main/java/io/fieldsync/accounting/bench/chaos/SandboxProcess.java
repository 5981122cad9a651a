package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The standalone sandbox ({@code java -jar accounting-sandbox.jar}) as a process of its own, with the real vendor's
 * limits, driven through its sandbox-only control surface ({@code /_sandbox}).
 */
final class SandboxProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("sandbox listening on (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static SandboxProcess start(Path jar, ChaosProvider provider, Path log, List<String> jvmOptions) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no standalone sandbox at " + jar + ": build it first (mvn -B -ntp -DskipTests install)");
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(ChildJvm.java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--provider", provider.sandbox(), "--port", Integer.toString(freePort()),
                "--client-id", ChaosSettings.CLIENT_ID, "--client-secret", ChaosSettings.CLIENT_SECRET));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
            if (m.find()) {
                return new SandboxProcess(process, m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the sandbox exited with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the sandbox did not start within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A control action, e.g. {@code faults/drop-after-apply?writes=1}. */
    JsonNode post(String action) {
        return call("POST", action);
    }

    /** A control read, e.g. {@code ledger}. */
    JsonNode get(String what) {
        return call("GET", what);
    }

    private JsonNode call(String method, String action) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/" + action))
                    .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the sandbox refused " + method + " " + action + ": " + body);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox's control surface did not answer " + method + " " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends the process at once, from a shutdown hook. */
    void abandon() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
