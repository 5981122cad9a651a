package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.xero.identity.TokenSet;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh sandbox per test: the demo organisation, a connected token set, a recording client, and a sandbox clock
 * that stands still at {@link #START} until the test moves it. After each test every recorded exchange is checked
 * against the vendor's OpenAPI documents when the vendor-contract profile is active.
 */
public final class SandboxFixture implements BeforeEachCallback, AfterEachCallback {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private UnaryOperator<XeroSandboxConfig> configure = UnaryOperator.identity();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private XeroSandbox sandbox;
    private Organisation org;
    private TokenSet tokens;
    private XeroTestClient client;
    private volatile String accessToken;
    private volatile String tenantId;

    public SandboxFixture configure(UnaryOperator<XeroSandboxConfig> change) {
        this.configure = change;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        exchanges.clear();
        SandboxClock clock = SandboxClock.frozenAt(START);
        sandbox = new XeroSandbox(configure.apply(XeroSandboxConfig.defaults()), clock).start(0);
        org = DemoOrganisation.create(sandbox);
        tokens = sandbox.connect(org);
        accessToken = tokens.accessToken();
        tenantId = org.tenantId().toString();
        client = new XeroTestClient(sandbox.apiUrl(), () -> accessToken, () -> tenantId, exchanges::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            Optional<ContractCheck> check = ContractCheck.ifEnabled();
            if (check.isPresent() && context.getExecutionException().isEmpty()) {
                assertThat(check.get().violations(exchanges))
                        .as("responses (and requests) of this test that break xero-openapi-xero_accounting.yaml")
                        .isEmpty();
            }
        } finally {
            sandbox.stop();
        }
    }

    public XeroSandbox sandbox() {
        return sandbox;
    }

    public Organisation org() {
        return org;
    }

    public TokenSet tokens() {
        return tokens;
    }

    public XeroTestClient api() {
        return client;
    }

    public SandboxClock clock() {
        return sandbox.clock();
    }

    /** Makes the client speak for another token or tenant from now on. */
    public void actAs(String newAccessToken, Organisation tenant) {
        this.accessToken = newAccessToken;
        this.tenantId = tenant.tenantId().toString();
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
