package io.fieldsync.accounting.bench;

import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.quickbooks.QuickBooksConfiguration;
import io.fieldsync.accounting.quickbooks.QuickBooksProvider;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.xero.DemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.XeroSandbox;
import io.fieldsync.accounting.sandbox.xero.XeroSandboxConfig;
import io.fieldsync.accounting.xero.XeroConfiguration;
import io.fieldsync.accounting.xero.XeroProvider;

/**
 * One accounting system to benchmark against: its sandbox, started with the real service's limits and a seeded
 * demo organisation, and its provider pointed at it, configured as Config Admin would.
 */
public interface BenchTarget extends AutoCloseable {

    String CLIENT_ID = "bench-client";
    String CLIENT_SECRET = "bench-secret";
    String REDIRECT = "http://localhost/accounting/oauth/callback";

    /** The provider's id, {@code accounting.provider}. */
    String id();

    /** A provider instance, as DS would activate it. */
    AccountingProvider provider();

    /** The limits the sandbox enforces, for the report. */
    String limits();

    @Override
    void close();

    /** Xero: 60 calls a minute and 5 at once per organisation. */
    static BenchTarget xero() {
        XeroSandbox sandbox = new XeroSandbox(XeroSandboxConfig.defaults().withClient(CLIENT_ID, CLIENT_SECRET)
                .withRedirectUris(List.of(REDIRECT)), SandboxClock.system()).start(0);
        DemoOrganisation.create(sandbox);
        return new Running("xero", xeroProvider(sandbox), "60 calls/min and 5 at once per organisation", sandbox::close);
    }

    /** QuickBooks Online: 500 calls a minute (batch items counted), 10 at once and 40 batches a minute per company. */
    static BenchTarget quickBooks() {
        QboSandbox sandbox = new QboSandbox(QboSandboxConfig.defaults().withClient(CLIENT_ID, CLIENT_SECRET)
                .withRedirectUris(List.of(REDIRECT)), SandboxClock.system()).start(0);
        sandbox.seedDemoCompany("FieldSync Demo Company (AU)");
        return new Running("quickbooks", quickBooksProvider(sandbox), "500 calls/min, 10 at once and 40 batches/min per company", sandbox::close);
    }

    /** The Xero provider pointed at {@code sandbox}, configured as Config Admin would with the shipped defaults. */
    public static XeroProvider xeroProvider(XeroSandbox sandbox) {
        return xeroProvider(sandbox, "");
    }

    /** As {@link #xeroProvider(XeroSandbox)}, verifying webhooks signed with {@code webhookKey}. */
    public static XeroProvider xeroProvider(XeroSandbox sandbox, String webhookKey) {
        String base = sandbox.baseUrl();
        return new XeroProvider(BenchConfigs.of(XeroConfiguration.class, Map.of("client.id", CLIENT_ID,
                "client.secret", CLIENT_SECRET, "redirect.uri", REDIRECT, "authorize.url", base + "/login/identity/connect/authorize",
                "identity.url", base + "/identity", "api.url", base, "webhook.key", webhookKey)));
    }

    /** The QuickBooks provider pointed at {@code sandbox}, configured as Config Admin would with the shipped defaults. */
    public static QuickBooksProvider quickBooksProvider(QboSandbox sandbox) {
        return new QuickBooksProvider(BenchConfigs.of(QuickBooksConfiguration.class, Map.of("client.id", CLIENT_ID,
                "client.secret", CLIENT_SECRET, "redirect.uri", REDIRECT, "authorize.url", sandbox.authorizeUrl(),
                "token.url", sandbox.tokenUrl(), "revocation.url", sandbox.revocationUrl(), "api.url", sandbox.apiUrl(),
                "webhook.verifier.token", sandbox.verifierToken())));
    }

    /** A started sandbox and its provider. */
    record Running(String id, AccountingProvider provider, String limits, Runnable stop) implements BenchTarget {

        @Override
        public void close() {
            stop.run();
        }
    }
}
