package io.fieldsync.accounting.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.ConnectionState;
import io.fieldsync.accounting.api.admin.ConnectionStatus;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.demo.DemoRegion;
import io.fieldsync.accounting.demo.DemoScenario;

/**
 * The company's admin, as the engine's public admin services see one: connects the company through OAuth (the
 * consent URL in a "browser" that does not follow the redirect, its parameters handed to the callback's service),
 * reads the reference data and saves the mappings; and, while the run lasts, reconnects the same way whenever the
 * connection is no longer usable (after the user revoked the app), as an admin alerted by the integration would.
 */
final class AdminDesk {

    private static final Logger LOG = LoggerFactory.getLogger(AdminDesk.class);
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final EngineWiring engine;
    private final CompanyId company;
    private final DemoRegion region;
    private final EventLog events;
    private volatile ConnectionState lastSeen = ConnectionState.CONNECTED;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    AdminDesk(EngineWiring engine, CompanyId company, DemoRegion region, EventLog events) {
        this.engine = engine;
        this.company = company;
        this.region = region;
        this.events = events;
    }

    /** Connected, reference data read, mappings saved: tries until it is so (the API fails now and then on purpose). */
    void prepare() throws InterruptedException {
        while (true) {
            try {
                ConnectionState state = engine.connections.status(company).state();
                if (state != ConnectionState.CONNECTED) {
                    connect(state == ConnectionState.NOT_CONNECTED ? "at the first start" : "at a start, was " + state);
                }
                if (engine.setup.mappings(company).equals(Mappings.empty())) {
                    ReferenceData reference = engine.setup.referenceData(company);
                    DemoRegion found = DemoRegion.of(reference);
                    if (!found.equals(region)) {
                        throw new IllegalStateException("the sandbox's company trades in " + found.country() + ", the workload in "
                                + region.country());
                    }
                    engine.setup.saveMappings(company, DemoScenario.mappings(reference));
                    events.record("setup", "mappings saved");
                }
                return;
            } catch (RuntimeException | IOException e) {
                LOG.warn("Admin: setting up failed ({}); trying again", e.toString());
                Thread.sleep(PAUSE.toMillis());
            }
        }
    }

    /** One look at the connection, as the admin screen's alert would prompt: reconnects when it is not usable. */
    void checkConnection() {
        ConnectionStatus status = engine.connections.status(company);
        ConnectionState state = status.state();
        if (state == ConnectionState.CONNECTED) {
            lastSeen = state;
            return;
        }
        if (lastSeen == ConnectionState.CONNECTED) {
            events.record("connection-lost", state + (status.lastError() == null ? "" : ": " + status.lastError().message()
                    + (status.lastError().detail() == null ? "" : " (" + status.lastError().detail() + ")")));
        }
        lastSeen = state;
        try {
            connect("was " + state);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Admin: reconnecting failed ({}); trying again", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect(String why) throws IOException, InterruptedException {
        URI consent = engine.connections.beginAuthorization(company).authorizationUrl();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(consent).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = page.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("the consent page answered " + page.statusCode() + ": " + page.body()));
        engine.connections.completeAuthorization(query(URI.create(location)));
        events.record("connected", why);
        LOG.info("Admin: connected company {} ({})", company, why);
    }

    private static Map<String, String> query(URI callback) {
        Map<String, String> parameters = new HashMap<>();
        if (callback.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : callback.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }
}
