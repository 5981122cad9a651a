package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.api.spi.WebhookDelivery;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.SandboxClock;
import io.fieldsync.accounting.sandbox.qbo.QboSandbox;
import io.fieldsync.accounting.sandbox.qbo.QboSandboxConfig;
import io.fieldsync.accounting.sandbox.qbo.control.QboTokens;
import io.fieldsync.accounting.sandbox.qbo.control.SandboxRealm;

class QboWebhooksTest {

    private static final String TOKEN = "verifier-token-of-the-app";
    private static final String CLOUD_EVENTS = """
            [{"specversion":"1.0","id":"88cd52a4-2e4b-4a4a-9a83-1b1d5f5e3c11","source":"intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=",
            "type":"qbo.invoice.updated.v1","datacontenttype":"application/json","time":"2026-11-02T09:15:12.345Z",
            "intuitentityid":"130","intuitaccountid":"9341452725837612","data":{}},
            {"specversion":"1.0","id":"1b0fc8c8-4a8e-4df2-bb1c-7f5d9e1a2b33","source":"intuit.x","type":"qbo.payment.created.v1",
            "datacontenttype":"application/json","time":"2026-11-02T09:15:12Z","intuitentityid":"77","intuitaccountid":"4620816365155630","data":{}}]""";
    private static final String LEGACY = """
            {"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[
            {"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"},
            {"name":"Invoice","id":"238","operation":"Void","lastUpdated":"2015-10-05T14:42:19.123-0700"}]}}]}""";

    private final QboWebhooks webhooks = new QboWebhooks(TOKEN, new QboSettlementEvents(null));

    private static WebhookDelivery delivery(String body, String signature) {
        return new WebhookDelivery(signature == null ? Map.of() : Map.of("Intuit-Signature", List.of(signature)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(String body) {
        return QboWebhooks.sign(body.getBytes(StandardCharsets.UTF_8), TOKEN);
    }

    @Test
    void theSignatureIsBase64OfHmacSha256OfTheRawBody() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector
        assertThat(QboWebhooks.sign("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8), "key"))
                .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    }

    @Test
    void aBodySignedWithTheVerifierTokenIsAcceptedAndAnythingElseRefused() {
        String signature = signed(CLOUD_EVENTS);

        assertThat(webhooks.verify(delivery(CLOUD_EVENTS, signature), TOKEN)).isTrue();
        assertThat(webhooks.verify(delivery(CLOUD_EVENTS, "AAAA" + signature.substring(4)), TOKEN)).isFalse();
        assertThat(webhooks.verify(delivery(CLOUD_EVENTS, null), TOKEN)).isFalse();
        assertThat(webhooks.verify(delivery(CLOUD_EVENTS, signature), "another-token")).isFalse();
        assertThat(webhooks.verify(delivery(CLOUD_EVENTS, signature), "")).isFalse();
        assertThat(webhooks.verify(delivery(CLOUD_EVENTS.replace("updated", "deleted"), signature), TOKEN)).isFalse();
    }

    @Test
    void cloudEventsSpanningTwoRealmsBecomeEventsNamedAsTheEngineKnowsThem() {
        List<RemoteEvent> events = webhooks.parse(delivery(CLOUD_EVENTS, "unused"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).satisfies(event -> {
            assertThat(event.tenantId()).isEqualTo("9341452725837612");
            assertThat(event.resourceType()).isEqualTo(RemoteResourceType.INVOICE);
            assertThat(event.resourceId()).isEqualTo("130");
            assertThat(event.eventType()).isEqualTo(RemoteEventType.UPDATE);
            assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-02T09:15:12.345Z"));
        });
        assertThat(events.get(1)).satisfies(event -> {
            assertThat(event.tenantId()).isEqualTo("4620816365155630");
            assertThat(event.resourceType()).isEqualTo(RemoteResourceType.PAYMENT);
            assertThat(event.eventType()).isEqualTo(RemoteEventType.CREATE);
        });
    }

    @Test
    void theLegacyEventNotificationsShapeIsStillAccepted() {
        List<RemoteEvent> events = webhooks.parse(delivery(LEGACY, "unused"));

        assertThat(events).extracting(RemoteEvent::resourceType, RemoteEvent::resourceId, RemoteEvent::eventType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RemoteResourceType.CONTACT, "1", RemoteEventType.CREATE),
                        org.assertj.core.groups.Tuple.tuple(RemoteResourceType.INVOICE, "238", RemoteEventType.VOID));
        assertThat(events).extracting(RemoteEvent::vendorResourceType, RemoteEvent::vendorEventType).as("Intuit's own words kept")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Customer", "Create"), org.assertj.core.groups.Tuple.tuple("Invoice", "Void"));
        assertThat(events.get(0).tenantId()).isEqualTo("1185883450");
        assertThat(events.get(0).occurredAt()).isEqualTo(Instant.parse("2015-10-05T21:42:19Z"));
    }

    @Test
    void aBodyThatIsNotADeliveryIsATypedValidationError() {
        for (String body : List.of("not json", "{}", "\"text\"", "{\"eventNotifications\":{}}")) {
            assertThatThrownBy(() -> webhooks.parse(delivery(body, "x"))).as(body)
                    .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    void aMalformedCloudEventIsLeftOutAndTheOtherEventsOfTheDeliveryAreKept() {
        String body = """
                [{"type":"qbo.invoice.updated.v1"},
                 {"type":"x","intuitaccountid":"1","intuitentityid":"2"},
                 {"type":"qbo.invoice.updated.v1","intuitaccountid":{"id":"1"},"intuitentityid":"2"},
                 "not an event",
                 {"specversion":"1.0","id":"a","type":"qbo.invoice.updated.v1","time":"2026-11-02T09:15:12Z","intuitentityid":"130",
                  "intuitaccountid":"9341452725837612","data":{}},
                 {"specversion":"1.0","id":"b","type":"qbo.customer.updated.v1","time":"2026-11-02T09:15:13Z","intuitentityid":"58",
                  "intuitaccountid":"9341452725837612","data":{}}]""";

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).extracting(RemoteEvent::resourceType, RemoteEvent::resourceId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.INVOICE, "130"), org.assertj.core.groups.Tuple.tuple(RemoteResourceType.CONTACT, "58"));
    }

    @Test
    void intuitsEntitiesAndActionsAreTypedAndOnesTheSpiHasNoWordForKeepIntuitsWords() {
        String body = """
                [{"specversion":"1.0","id":"a","type":"qbo.creditmemo.deleted.v1","time":"2026-11-02T09:15:12Z","intuitentityid":"7",
                  "intuitaccountid":"9341452725837612","data":{}},
                 {"specversion":"1.0","id":"b","type":"qbo.estimate.emailed.v1","time":"2026-11-02T09:15:13Z","intuitentityid":"8",
                  "intuitaccountid":"9341452725837612","data":{}},
                 {"specversion":"1.0","id":"c","type":"qbo.customer.merged.v1","time":"2026-11-02T09:15:14Z","intuitentityid":"9",
                  "intuitaccountid":"9341452725837612","data":{}}]""";

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).extracting(RemoteEvent::resourceType, RemoteEvent::eventType, RemoteEvent::vendorResourceType,
                RemoteEvent::vendorEventType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.CREDIT_NOTE, RemoteEventType.DELETE, "creditmemo", "deleted"),
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.OTHER, RemoteEventType.OTHER, "estimate", "emailed"),
                org.assertj.core.groups.Tuple.tuple(RemoteResourceType.CONTACT, RemoteEventType.MERGE, "customer", "merged"));
    }

    @Test
    void aMalformedLegacyNotificationOrEntityCostsOnlyItself() {
        String body = """
                {"eventNotifications":[{"dataChangeEvent":{"entities":[{"name":"Invoice","id":"1","operation":"Update"}]}},
                 {"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Invoice","operation":"Update"},
                  {"name":"Invoice","id":"238","operation":"Update","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}""";

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.tenantId()).isEqualTo("1185883450");
            assertThat(event.resourceId()).isEqualTo("238");
        });
    }

    @Test
    void anUnreadableEventTimeCostsOnlyTheTimeNotTheEventNorTheDelivery() {
        String body = CLOUD_EVENTS.replace("2026-11-02T09:15:12.345Z", "2026-13-45T99:00:00Z").replace("\"2026-11-02T09:15:12Z\"", "[1]");

        List<RemoteEvent> events = webhooks.parse(delivery(body, "x"));

        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.occurredAt()).isEqualTo(Instant.EPOCH));
    }

    @Test
    void theProviderNamesItsSignatureHeaderSoTheEngineRefusesUnsignedRequestsUnread() {
        QuickBooksProvider provider = new QuickBooksProvider(new QuickBooksSettings("c", "s", "http://localhost/cb", TOKEN,
                QuickBooksConfiguration.ACCOUNTING_SCOPE, "a", "t", "r", "http://localhost", 75, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), java.time.ZoneOffset.UTC));
        try {
            assertThat(provider.webhooks().signatureHeader()).hasValue("intuit-signature");
        } finally {
            provider.deactivate();
        }
    }

    @Test
    void aPaymentEnteredInQuickBooksArrivesAsASignedPaymentEventThatTheProviderTurnsIntoTheInvoiceItPays() throws Exception {
        List<WebhookDelivery> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        receiver.createContext("/accounting/webhooks/quickbooks", exchange -> {
            received.add(new WebhookDelivery(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        SandboxClock clock = SandboxClock.startingAt(Instant.parse("2026-11-02T09:00:00Z"));
        QboSandbox sandbox = new QboSandbox(QboSandboxConfig.defaults().withVerifierToken(TOKEN), clock).start(0);
        QuickBooksProvider provider = new QuickBooksProvider(new QuickBooksSettings("c", "s", "http://localhost/cb", TOKEN,
                QuickBooksConfiguration.ACCOUNTING_SCOPE, "a", "t", "r", sandbox.apiUrl(), 75, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                clock);
        try {
            SandboxRealm realm = sandbox.seedDemoCompany("Webhook Co");
            QboTokens tokens = sandbox.connect(realm.realmId());
            TestSession session = new TestSession(provider, new io.fieldsync.accounting.api.spi.TokenSet(tokens.accessToken(),
                    tokens.refreshToken(), clock.instant().plusSeconds(3600), null), realm.realmId(), QboSandboxTestBase.mappings());
            String customer = provider.ledger().contacts(session, 1).contacts().get(0).remoteId();
            String invoiceId = provider.documents().pushInvoices(session, List.of(QboSandboxTestBase.invoicePush(session,
                    QboSandboxTestBase.invoice("I-1", "FS-1", ProductCategory.LABOUR), customer))).get(0).remoteId();
            assertThat(sandbox.configureWebhooks(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/accounting/webhooks/quickbooks"), TOKEN)).isTrue();

            sandbox.enterPayment(realm.realmId(), "FS-1", new BigDecimal("20.00"), QboSandboxTestBase.DAY);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (received.stream().noneMatch(delivery -> new String(delivery.body(), StandardCharsets.UTF_8).contains("qbo.payment"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(received).isNotEmpty().allSatisfy(delivery -> assertThat(provider.webhooks().verify(delivery)).isTrue());
            List<RemoteEvent> events = received.stream().flatMap(delivery -> provider.webhooks().parse(delivery).stream()).toList();
            List<RemoteEvent> payments = events.stream().filter(event -> event.resourceType() == RemoteResourceType.PAYMENT).toList();
            assertThat(payments).singleElement().satisfies(event -> {
                assertThat(event.eventType()).isEqualTo(RemoteEventType.CREATE);
                assertThat(event.tenantId()).isEqualTo(realm.realmId());
            });
            assertThat(events).as("QBO announces the payment, not the invoice it pays")
                    .noneMatch(event -> event.resourceType() == RemoteResourceType.INVOICE && event.eventType() == RemoteEventType.UPDATE);
            List<String> affected = provider.webhooks().invoicesAffectedBy(session, payments);
            assertThat(affected).containsExactly(invoiceId);
            assertThat(provider.ledger().invoiceStates(session, affected)).singleElement()
                    .satisfies(state -> assertThat(state.payment().amountPaid()).isEqualByComparingTo("20.00"));
            WebhookDelivery forged = new WebhookDelivery(Map.of("intuit-signature", List.of(signed("[]"))), received.get(0).body());
            assertThat(provider.webhooks().verify(forged)).isFalse();
        } finally {
            provider.deactivate();
            sandbox.close();
            receiver.stop(0);
        }
    }
}
