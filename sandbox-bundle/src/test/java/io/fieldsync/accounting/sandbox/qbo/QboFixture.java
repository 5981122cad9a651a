package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh QBO sandbox per test: the demo company (or the US one), a connected token set, a recording client, and a sandbox clock that
 * stands still at {@link #START} until the test moves it.
 */
public final class QboFixture implements BeforeEachCallback, AfterEachCallback {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private UnaryOperator<QboSandboxConfig> configure = UnaryOperator.identity();
    private boolean usCompany;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private QboSandbox sandbox;
    private SandboxRealm realm;
    private QboTokens tokens;
    private QboTestClient client;
    private volatile String accessToken;
    private volatile String realmId;

    public QboFixture configure(UnaryOperator<QboSandboxConfig> change) {
        this.configure = change;
        return this;
    }

    /** Seeds the US sales-tax demo company ({@link UsDemoCompany}) instead of the global-tax-model one. */
    public QboFixture usCompany() {
        this.usCompany = true;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        exchanges.clear();
        sandbox = new QboSandbox(configure.apply(QboSandboxConfig.defaults()), SandboxClock.frozenAt(START)).start(0);
        realm = usCompany ? sandbox.seedUsDemoCompany(UsDemoCompany.NAME) : sandbox.seedDemoCompany(DemoCompany.NAME);
        tokens = sandbox.connect(realm.realmId());
        accessToken = tokens.accessToken();
        realmId = realm.realmId();
        client = new QboTestClient(sandbox.apiUrl(), () -> accessToken, () -> realmId, exchanges::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sandbox.close();
    }

    public QboSandbox sandbox() {
        return sandbox;
    }

    public String realmId() {
        return realm.realmId();
    }

    public QboTokens tokens() {
        return tokens;
    }

    public QboTestClient api() {
        return client;
    }

    public SandboxClock clock() {
        return sandbox.clock();
    }

    /** Makes the client speak with another access token from now on. */
    public void useToken(String newAccessToken) {
        this.accessToken = newAccessToken;
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    // --- short-hands for the tests ---

    /** Creates an invoice for customer 1 with one GST line of qty × price and returns the Invoice object. */
    public JsonNode invoice(String docNumber, String qty, String unitPrice) {
        Exchange x = client.post("/invoice", """
                {"CustomerRef":{"value":"1"},"DocNumber":"%s","TxnDate":"2026-03-02",
                 "Line":[{"DetailType":"SalesItemLineDetail","Amount":%s,
                          "SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":%s,"UnitPrice":%s,"TaxCodeRef":{"value":"10"}}}]}
                """.formatted(docNumber, new java.math.BigDecimal(qty).multiply(new java.math.BigDecimal(unitPrice)),
                qty, unitPrice));
        assertThat(x.status()).as(x.body()).isEqualTo(200);
        return x.json().get("Invoice");
    }

    /** The first Error of a Fault body. */
    public static JsonNode error(Exchange x) {
        return x.json().get("Fault").get("Error").get(0);
    }
}
