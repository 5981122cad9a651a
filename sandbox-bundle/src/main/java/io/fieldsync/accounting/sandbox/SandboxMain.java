package io.fieldsync.accounting.sandbox;

import io.fieldsync.accounting.sandbox.control.ControlSurface;
import io.fieldsync.accounting.sandbox.qbo.DemoCompany;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.UsDemoCompany;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.xero.AuDemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.identity.TokenSet;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.webhooks.IntentToReceiveReport;

import java.io.PrintStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar accounting-sandbox.jar [--provider xero|qbo] [--country NZ|AU|US] [--port 8089] [--host 127.0.0.1]
 * [--client-id ID] [--client-secret S] [--webhook-url URL --webhook-key KEY] [--clock-speed 1]}: starts the Xero sandbox
 * (the default) with a seeded demo organisation ({@code --country NZ}, the default, or {@code AU}), or the QuickBooks
 * Online sandbox with a seeded demo company ({@code --provider qbo [--country AU|US]}: the AU company, global tax model,
 * by default, or the US sales-tax one; {@code --webhook-key} is then the verifier token and optional), prints where
 * everything is plus a ready access token
 * and the tenant or realm id, and serves until killed.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AutoCloseable sandbox;
        try {
            sandbox = "qbo".equals(parse(args).getOrDefault("provider", "xero")) ? startQbo(args, System.out)
                    : start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: java -jar accounting-sandbox.jar [--provider xero [--country NZ|AU] | --provider qbo [--country AU|US]] [--port 8089] "
                    + "[--host 127.0.0.1] [--client-id ID] [--client-secret SECRET] [--webhook-url URL --webhook-key KEY] "
                    + "[--clock-speed 1]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sandbox.close();
            } catch (Exception e) {
                System.err.println("sandbox did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    /** Starts and seeds the Xero sandbox, prints its coordinates to {@code out}, returns it running. */
    public static XeroSandbox start(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        if (!options.getOrDefault("provider", "xero").equals("xero")) {
            throw new IllegalArgumentException("--provider must be xero or qbo: " + options.get("provider"));
        }
        int port = Integer.parseInt(options.getOrDefault("port", "8089"));
        XeroSandboxConfig config = XeroSandboxConfig.defaults()
                .withHost(options.getOrDefault("host", "127.0.0.1"));
        if (options.containsKey("client-id") || options.containsKey("client-secret")) {
            config = config.withClient(options.getOrDefault("client-id", config.clientId()),
                    options.getOrDefault("client-secret", config.clientSecret()));
        }
        SandboxClock clock = SandboxClock.system().setSpeed(Double.parseDouble(options.getOrDefault("clock-speed", "1")));
        XeroSandbox sandbox = new XeroSandbox(config, clock).serveControlSurface().start(port);
        String country = options.getOrDefault("country", "nz").toLowerCase(java.util.Locale.ROOT);
        if (!country.equals("nz") && !country.equals("au")) {
            throw new IllegalArgumentException("--country must be nz or au: " + country);
        }
        Organisation org = country.equals("au") ? AuDemoOrganisation.create(sandbox) : DemoOrganisation.create(sandbox);
        TokenSet tokens = sandbox.connect(org);

        out.println("Xero sandbox listening on " + sandbox.baseUrl());
        out.println("  authorize URL    " + sandbox.authorizeUrl());
        out.println("  token URL        " + sandbox.tokenUrl());
        out.println("  revocation URL   " + sandbox.revocationUrl());
        out.println("  connections URL  " + sandbox.connectionsUrl());
        out.println("  accounting API   " + sandbox.apiUrl());
        out.println("  client id        " + config.clientId());
        out.println("  client secret    " + config.clientSecret());
        out.println("  tenant id        " + org.tenantId() + "  (" + org.name() + ")");
        out.println("  access token     " + tokens.accessToken());
        out.println("  refresh token    " + tokens.refreshToken());
        out.println("  token lifetime   " + tokens.expiresIn() + " s of sandbox time (clock speed " + clock.speed() + ")");
        out.println("  control          " + sandbox.baseUrl() + ControlSurface.PREFIX + "  (sandbox-only: faults, revocation, "
                + "the ledger as JSON; not part of Xero's API)");
        if (options.containsKey("webhook-url")) {
            String key = options.get("webhook-key");
            if (key == null) {
                throw new IllegalArgumentException("--webhook-url needs --webhook-key");
            }
            IntentToReceiveReport report = sandbox.webhooks().configure(URI.create(options.get("webhook-url")), key)
                    .validateEndpoint();
            out.println("  webhooks         " + options.get("webhook-url") + " intent-to-receive "
                    + (report.passed() ? "passed" : "FAILED") + " (" + sandbox.webhooks().status() + ")");
        }
        out.flush();
        return sandbox;
    }

    /** Starts the QuickBooks Online sandbox with a seeded demo company, prints its coordinates, returns it running. */
    public static QboSandbox startQbo(String[] args, PrintStream out) {
        Map<String, String> options = parse(args);
        String country = options.getOrDefault("country", "AU").toUpperCase(Locale.ROOT);
        if (!country.equals("AU") && !country.equals("US")) {
            throw new IllegalArgumentException("--country must be AU (global tax model) or US (US sales tax): "
                    + options.get("country"));
        }
        int port = Integer.parseInt(options.getOrDefault("port", "8089"));
        QboSandboxConfig config = QboSandboxConfig.defaults().withHost(options.getOrDefault("host", "127.0.0.1"));
        if (options.containsKey("client-id") || options.containsKey("client-secret")) {
            config = config.withClient(options.getOrDefault("client-id", config.clientId()),
                    options.getOrDefault("client-secret", config.clientSecret()));
        }
        if (options.containsKey("webhook-key")) {
            config = config.withVerifierToken(options.get("webhook-key"));
        }
        SandboxClock clock = SandboxClock.system().setSpeed(Double.parseDouble(options.getOrDefault("clock-speed", "1")));
        QboSandbox sandbox = new QboSandbox(config, clock).serveControlSurface().start(port);
        // A US client sends lines without a TaxCodeRef (QBO's US sales-tax model): --country US gives it the company
        // whose rules take that.
        SandboxRealm realm = country.equals("US") ? sandbox.seedUsDemoCompany(UsDemoCompany.NAME)
                : sandbox.seedDemoCompany(DemoCompany.NAME);
        QboTokens tokens = sandbox.connect(realm.realmId());

        out.println("QuickBooks Online sandbox listening on " + sandbox.baseUrl());
        out.println("  authorize URL    " + sandbox.authorizeUrl());
        out.println("  token URL        " + sandbox.tokenUrl());
        out.println("  revocation URL   " + sandbox.revocationUrl());
        out.println("  API base URL     " + sandbox.apiUrl() + "  (/v3/company/{realmId}/...)");
        out.println("  client id        " + config.clientId());
        out.println("  client secret    " + config.clientSecret());
        out.println("  verifier token   " + config.verifierToken());
        out.println("  realm id         " + realm.realmId() + "  (" + realm.companyName() + ")");
        out.println("  access token     " + tokens.accessToken());
        out.println("  refresh token    " + tokens.refreshToken());
        out.println("  token lifetime   " + tokens.expiresIn() + " s of sandbox time (clock speed " + clock.speed() + ")");
        out.println("  control          " + sandbox.baseUrl() + ControlSurface.PREFIX + "  (sandbox-only: faults, revocation, "
                + "the ledger as JSON; not part of Intuit's API)");
        if (options.containsKey("webhook-url")) {
            boolean on = sandbox.configureWebhooks(URI.create(options.get("webhook-url")), config.verifierToken());
            out.println("  webhooks         " + options.get("webhook-url") + (on ? " (CloudEvents, intuit-signature)" : " REFUSED"));
        }
        out.flush();
        return sandbox;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + name);
            }
            options.put(name, value);
        }
        return options;
    }
}
