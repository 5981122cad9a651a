package io.fieldsync.accounting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.servlet.ServletException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.Address;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.Payment;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.Organisation;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.engine.inbound.OAuthCallbackServlet;
import io.fieldsync.accounting.engine.inbound.WebhookServlet;
import io.fieldsync.accounting.engine.store.ConnectionStore;
import io.fieldsync.accounting.engine.store.StoredConnection;

/**
 * Bad input at every door: host calls, the engine's configuration, the OAuth callback and the webhook endpoint.
 * Each row names the input, the typed error it gets (code and field; for the servlets the HTTP status), and the
 * test checks that a refused call stores nothing, that another company's connection is untouched, and that good
 * documents handed over before and after the bad input still sync.
 *
 * <p>Row names end with what they prove: "(fixed)" failed on the commit before issue 7's hole 9 (accepted, an
 * untyped error, a 500, or the wrong company state); "(guard)" held already and stays held.
 */
class BadInputTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final CompanyId GLOBEX = CompanyId.of("globex");
    private static final Currency NZD = Samples.NZD;
    private static final LocalDate DAY = Samples.DAY;

    @TempDir
    Path keys;

    private TestEngine engine;
    private ScriptedProvider xero;

    /** What a bad input got: a typed code and the field it named, or for a servlet the HTTP status too. */
    record Refusal(ErrorCode code, String field, Integer httpStatus) {
        static Refusal typed(ErrorCode code, String field) {
            return new Refusal(code, field, null);
        }

        static Refusal http(int status, ErrorCode code, String field) {
            return new Refusal(code, field, status);
        }

        /** A record constructor's IllegalArgumentException, whose message starts with the field. */
        static Refusal construction(String field) {
            return new Refusal(null, field, null);
        }
    }

    /** One row: what to do wrong, and the refusal expected. */
    record Row(String name, Function<BadInputTest, Refusal> attempt, Refusal expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void twoConnectedCompaniesAndOneGoodInvoice() {
        engine = new TestEngine(keys, "xero");
        xero = engine.install(new RealmCheckingProvider("xero"));
        engine.setup.saveMappings(ACME, Samples.completeMappings());
        engine.setup.saveMappings(GLOBEX, Samples.completeMappings());
        engine.connect(ACME);
        engine.connect(GLOBEX);
        engine.sync.invoiceLocked(ACME, Samples.invoice("GOOD-1", Samples.customer("C-1")));
    }

    @AfterEach
    void stopEngine() throws Exception {
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsRefusedWithATypedErrorAndGoodDocumentsAroundItStillSync(Row row) {
        long documentsBefore = documents();
        StoredConnection globexBefore = engine.stores.connections().find(GLOBEX, "xero").orElseThrow();

        Refusal refusal = row.attempt().apply(this);

        assertThat(refusal.code()).as("code").isEqualTo(row.expected().code());
        if (row.expected().code() == null) {
            assertThat(refusal.field()).as("constructor message").startsWith(row.expected().field());
        } else {
            assertThat(refusal.field()).as("field").isEqualTo(row.expected().field());
        }
        assertThat(refusal.httpStatus()).as("HTTP status").isEqualTo(row.expected().httpStatus());
        if (row.name().startsWith("host")) {
            assertThat(documents()).as("a refused call stores nothing").isEqualTo(documentsBefore);
        }
        assertThat(engine.stores.connections().find(GLOBEX, "xero").orElseThrow())
                .as("another company's connection").isEqualTo(globexBefore);

        engine.sync.invoiceLocked(ACME, Samples.invoice("GOOD-2", Samples.customer("C-2")));
        engine.sync.paymentCollected(ACME, Samples.payment("GOOD-PAY", "GOOD-1", "10.00", PaymentMethod.CARD));
        engine.drain();
        for (DocumentRef good : List.of(DocumentRef.invoice(ACME, "GOOD-1"), DocumentRef.invoice(ACME, "GOOD-2"),
                DocumentRef.payment(ACME, "GOOD-PAY"))) {
            assertThat(engine.sync.status(good).orElseThrow().status()).as(good.toString()).isEqualTo(SyncStatus.SYNCED);
        }
    }

    static Stream<Arguments> rows() {
        List<Row> rows = new ArrayList<>();
        hostCalls(rows);
        configuration(rows);
        oauthCallbacks(rows);
        webhooks(rows);
        return rows.stream().map(Arguments::of);
    }

    // ---------------------------------------------------------------- host calls

    private static void hostCalls(List<Row> rows) {
        host(rows, "host: U+001F (the engine's key separator) in an invoice id (fixed)", "invoice.hostId",
                t -> t.lock(new Draft("BAD\u001fID").build()));
        host(rows, "host: NUL in an invoice number (fixed)", "invoice.number",
                t -> t.lock(new Draft("BAD-1").number("INV\u0000-1").build()));
        host(rows, "host: a line break in a one-line reference (fixed)", "invoice.reference",
                t -> t.lock(new Draft("BAD-1").reference("JOB-1\nJOB-2").build()));
        host(rows, "host: DEL in a customer name (fixed)", "invoice.customer.name",
                t -> t.lock(new Draft("BAD-1").customer(new Customer("C-9", "Bob\u007f Ltd", null, null, null)).build()));
        host(rows, "host: BEL in a line description, where tabs and line breaks are fine (fixed)", "invoice.lines[1].description",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("Two\tthings\nand\u0007 a bell", BigDecimal.ONE, BigDecimal.TEN,
                        ProductCategory.LABOUR, List.of("GST"))).build()));
        host(rows, "host: half a surrogate pair in a line description (fixed)", "invoice.lines[1].description",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("Pipe \ud83d", BigDecimal.ONE, BigDecimal.TEN,
                        ProductCategory.LABOUR, List.of("GST"))).build()));
        host(rows, "host: ESC in a company id (fixed)", "company",
                t -> refused(() -> t.engine.sync.invoiceLocked(CompanyId.of("acme\u001b"), new Draft("BAD-1").build())));
        host(rows, "host: U+001F in a payment id (fixed)", "payment.hostId",
                t -> t.pay(new Payment("PAY\u001f1", "GOOD-1", new BigDecimal("5.00"), DAY, PaymentMethod.CARD, null, NZD, null)));
        host(rows, "host: an invoice number of 256 characters, over Xero's 255 (fixed)", "invoice.number",
                t -> t.lock(new Draft("BAD-1").number("N".repeat(256)).build()));
        host(rows, "host: a reference of 256 characters (fixed)", "invoice.reference",
                t -> t.lock(new Draft("BAD-1").reference("R".repeat(256)).build()));
        host(rows, "host: a customer name of 256 characters, over Xero's contact name (fixed)", "invoice.customer.name",
                t -> t.lock(new Draft("BAD-1").customer(new Customer("C-9", "B".repeat(256), null, null, null)).build()));
        host(rows, "host: a line description of 4001 characters (fixed)", "invoice.lines[1].description",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("D".repeat(4001), BigDecimal.ONE, BigDecimal.TEN,
                        ProductCategory.LABOUR, List.of("GST"))).build()));
        host(rows, "host: an email of 101 characters, over QuickBooks' 100 (fixed)", "invoice.customer.email",
                t -> t.lock(new Draft("BAD-1").customer(new Customer("C-9", "Bob", "b".repeat(89) + "@example.com", null, null)).build()));
        host(rows, "host: a postal code of 31 characters, over QuickBooks' 30 (fixed)", "invoice.customer.billingAddress.postalCode",
                t -> t.lock(new Draft("BAD-1").customer(new Customer("C-9", "Bob", null, null,
                        new Address(List.of("1 Queen St"), "Auckland", null, "1".repeat(31), "NZ"))).build()));
        host(rows, "host: a blank tax rate id on a line (fixed)", "invoice.lines[1].taxRateIds[0]",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("Fitting", BigDecimal.ONE, BigDecimal.TEN,
                        ProductCategory.LABOUR, List.of(" "))).build()));
        host(rows, "host: an invoice whose lines add up to less than zero (fixed)", "invoice.lines",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("Goodwill", BigDecimal.ONE, new BigDecimal("-500"),
                        ProductCategory.OTHER, List.of())).build()));
        host(rows, "host: a credit note of zero (fixed)", "creditNote.lines",
                t -> t.credit(new CreditNote("CN-1", "GOOD-1", null, DAY, AmountType.TAX_EXCLUSIVE,
                        List.of(InvoiceLine.of("Nothing", BigDecimal.ZERO, BigDecimal.TEN, ProductCategory.LABOUR, List.of("GST"))),
                        false, null)));
        host(rows, "host: a credit note below zero (fixed)", "creditNote.lines",
                t -> t.credit(new CreditNote("CN-1", "GOOD-1", null, DAY, AmountType.TAX_EXCLUSIVE,
                        List.of(InvoiceLine.of("Minus", BigDecimal.ONE, new BigDecimal("-10"), ProductCategory.LABOUR, List.of("GST"))),
                        false, null)));
        host(rows, "host: a quantity of ten thousand million (fixed)", "invoice.lines[1].quantity",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("Cable (m)", new BigDecimal("10000000000"), new BigDecimal("0.01"),
                        ProductCategory.MATERIALS, List.of("GST"))).build()));
        host(rows, "host: a unit price of two thousand million (fixed)", "invoice.lines[1].unitPrice",
                t -> t.lock(new Draft("BAD-1").line(InvoiceLine.of("Labour", new BigDecimal("0.0001"), new BigDecimal("2000000000"),
                        ProductCategory.LABOUR, List.of("GST"))).build()));
        host(rows, "host: a payment of a million million (fixed)", "payment.amount",
                t -> t.pay(new Payment("PAY-1", "GOOD-1", new BigDecimal("1000000000000.00"), DAY, PaymentMethod.CARD, null, NZD, null)));
        host(rows, "host: an issue date in the year 202 (fixed)", "invoice.issueDate",
                t -> t.lock(new Draft("BAD-1").dates(LocalDate.of(202, 11, 2), LocalDate.of(2026, 11, 20)).build()));
        host(rows, "host: a due date in 2150 (fixed)", "invoice.dueDate",
                t -> t.lock(new Draft("BAD-1").dates(DAY, LocalDate.of(2150, 1, 1)).build()));
        host(rows, "host: a payment dated 1899 (fixed)", "payment.date",
                t -> t.pay(new Payment("PAY-1", "GOOD-1", new BigDecimal("5.00"), LocalDate.of(1899, 12, 31), PaymentMethod.CARD,
                        null, NZD, null)));
        host(rows, "host: a credit note dated 3026 (fixed)", "creditNote.date",
                t -> t.credit(new CreditNote("CN-1", "GOOD-1", null, LocalDate.of(3026, 1, 1), AmountType.TAX_EXCLUSIVE,
                        List.of(InvoiceLine.of("Refund", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR, List.of("GST"))),
                        false, null)));
        host(rows, "host: an exchange rate over Xero's 12 integer digits (fixed)", "invoice.exchangeRate",
                t -> t.lock(new Draft("BAD-1").exchangeRate(new BigDecimal("1000000000000")).build()));
        host(rows, "host: an invoice in XXX, no currency (fixed)", "invoice.currency",
                t -> t.lock(new Draft("BAD-1").currency(Currency.getInstance("XXX")).build()));
        host(rows, "host: a payment in AUD against an NZD invoice in the journal (fixed)", "payment.currency",
                t -> t.pay(new Payment("PAY-1", "GOOD-1", new BigDecimal("5.00"), DAY, PaymentMethod.CARD, null,
                        Currency.getInstance("AUD"), null)));
        rows.add(new Row("dependent: payments adding up to more than a tax-inclusive invoice (fixed)", t -> {
            t.lock(new Draft("INCL-1").amountType(AmountType.TAX_INCLUSIVE).build());
            t.pay(new Payment("PAY-1", "INCL-1", new BigDecimal("200.00"), DAY, PaymentMethod.CARD, null, NZD, null));
            return t.pay(new Payment("PAY-2", "INCL-1", new BigDecimal("20.01"), DAY, PaymentMethod.CARD, null, NZD, null));
        }, Refusal.typed(ErrorCode.INVALID_INPUT, "payment.amount")));
        host(rows, "host: a credit note larger than its invoice (fixed)", "creditNote.lines",
                t -> t.credit(new CreditNote("CN-1", "GOOD-1", null, DAY, AmountType.TAX_EXCLUSIVE,
                        List.of(InvoiceLine.of("Refund", BigDecimal.ONE, new BigDecimal("220.01"), ProductCategory.LABOUR, List.of("GST"))),
                        false, null)));
        host(rows, "host: one bad invoice among historical ones stores none of them (fixed)", "invoice.number",
                t -> refused(() -> t.engine.sync.registerHistorical(ACME, List.of(new Draft("OLD-1").build(),
                        new Draft("OLD-2").number("N\u0000").build()))));
        rows.add(new Row("dependent: a payment in AUD accepted before its NZD invoice fails when the invoice arrives (fixed)", t -> {
            t.engine.sync.paymentCollected(ACME, new Payment("EARLY-PAY", "LATE-1", new BigDecimal("5.00"), DAY, PaymentMethod.CARD,
                    null, Currency.getInstance("AUD"), null));
            t.lock(new Draft("LATE-1").build());
            return t.failure(DocumentRef.payment(ACME, "EARLY-PAY"));
        }, Refusal.typed(ErrorCode.INVALID_INPUT, "payment.currency")));
        rows.add(new Row("dependent: retrying a payment that still exceeds its invoice is refused (fixed)", t -> {
            t.engine.sync.paymentCollected(ACME, new Payment("EARLY-PAY", "LATE-1", new BigDecimal("999.00"), DAY, PaymentMethod.CARD,
                    null, NZD, null));
            t.lock(new Draft("LATE-1").amountType(AmountType.TAX_INCLUSIVE).build());
            return refused(() -> t.engine.sync.retry(DocumentRef.payment(ACME, "EARLY-PAY")));
        }, Refusal.typed(ErrorCode.INVALID_INPUT, "payment.amount")));
        rows.add(new Row("construction: a quantity of 1E+99999999 is refused before rescaling (fixed: it held the thread for minutes)",
                t -> constructed(() -> InvoiceLine.of("Cable", new BigDecimal("1E+99999999"), BigDecimal.ONE, ProductCategory.OTHER,
                        List.of())), Refusal.construction("quantity is too large")));
        rows.add(new Row("construction: a payment of zero (guard)",
                t -> constructed(() -> new Payment("PAY-0", "GOOD-1", BigDecimal.ZERO, DAY, PaymentMethod.CASH, null, NZD, null)),
                Refusal.construction("payment amount must be positive")));
        rows.add(new Row("construction: a due date before the issue date (guard)",
                t -> constructed(() -> new Draft("BAD-1").dates(DAY, DAY.minusDays(1)).build()),
                Refusal.construction("due date")));
    }

    private static void host(List<Row> rows, String name, String field, Function<BadInputTest, Refusal> attempt) {
        rows.add(new Row(name, attempt, Refusal.typed(ErrorCode.INVALID_INPUT, field)));
    }

    // ---------------------------------------------------------------- configuration

    private static void configuration(List<Row> rows) {
        config(rows, "config: provider = 'x y' keeps the provider that was active (fixed)", "provider",
                new EngineConfig("x y", 1000, 200, 30, 3600, 15, "(dataSourceName=accounting)"));
        config(rows, "config: a negative dispatch interval (fixed)", "dispatch.interval.ms",
                new EngineConfig("xero", -5, 200, 30, 3600, 15, "(dataSourceName=accounting)"));
        config(rows, "config: a negative batching delay (fixed)", "dispatch.linger.ms",
                new EngineConfig("xero", 1000, -1, 30, 3600, 15, "(dataSourceName=accounting)"));
        config(rows, "config: a retry delay of zero (fixed)", "retry.delay.s",
                new EngineConfig("xero", 1000, 200, 0, 3600, 15, "(dataSourceName=accounting)"));
        config(rows, "config: a longest retry delay shorter than the first (fixed)", "retry.delay.max.s",
                new EngineConfig("xero", 1000, 200, 600, 60, 15, "(dataSourceName=accounting)"));
        config(rows, "config: a negative polling interval (fixed)", "poll.interval.min",
                new EngineConfig("xero", 1000, 200, 30, 3600, -3, "(dataSourceName=accounting)"));
        config(rows, "config: a malformed dataSource.target filter (fixed)", "dataSource.target",
                new EngineConfig("xero", 1000, 200, 30, 3600, 15, "(dataSourceName=accounting"));
    }

    private static void config(List<Row> rows, String name, String property, EngineConfig configuration) {
        rows.add(new Row(name, t -> {
            t.engine.directory.modified(configuration);
            List<ConfigurationCheck.Problem> problems = t.engine.directory.configurationProblems();
            assertThat(problems).as("problems").hasSize(1);
            assertThat(problems.get(0).error().message()).startsWith(property + " = ");
            return Refusal.typed(problems.get(0).error().code(), problems.get(0).property());
        }, Refusal.typed(ErrorCode.INVALID_CONFIGURATION, property)));
    }

    // ---------------------------------------------------------------- OAuth callbacks

    private static void oauthCallbacks(List<Row> rows) {
        oauth(rows, "oauth: a state nobody issued (fixed: was VALIDATION_FAILED)", 400, "state",
                t -> t.callback(Map.of("state", "forged", "code", "c")));
        oauth(rows, "oauth: no state at all (fixed: was VALIDATION_FAILED)", 400, "state",
                t -> t.callback(Map.of("code", "c")));
        oauth(rows, "oauth: a state used a second time (fixed: was VALIDATION_FAILED)", 400, "state", t -> {
            String state = t.engine.connections.beginAuthorization(ACME).state();
            t.callback(Map.of("state", state, "code", "c"));
            return t.callback(Map.of("state", state, "code", "c"));
        });
        oauth(rows, "oauth: an expired state (fixed: was VALIDATION_FAILED)", 400, "state", t -> {
            t.engine.stores.connections().putAuthorization("old-state",
                    new ConnectionStore.PendingAuthorization(ACME, "xero", Instant.parse("2020-01-01T00:00:00Z"), null));
            return t.callback(Map.of("state", "old-state", "code", "c"));
        });
        oauth(rows, "oauth: error=access_denied, the admin declined (fixed: was 400 VALIDATION_FAILED)", 403, "error",
                t -> t.callback(Map.of("state", t.engine.connections.beginAuthorization(ACME).state(), "error", "access_denied",
                        "error_description", "The user denied access\u0000" + "x".repeat(1000))));
        oauth(rows, "oauth: no code (fixed: the exchange went ahead)", 400, "code",
                t -> t.callback(Map.of("state", t.engine.connections.beginAuthorization(ACME).state())));
        oauth(rows, "oauth: a realmId other than the books the company is connected to (fixed: it switched books)", 409, "realmId",
                t -> {
                    t.xero.organisations = List.of(new Organisation("9130349999", "Someone else's books"));
                    return t.callback(Map.of("state", t.engine.connections.beginAuthorization(ACME).state(), "code", "c",
                            "realmId", "9130349999"));
                });
        oauth(rows, "oauth: a realmId the provider cannot put in a URL (fixed: was a 500)", 400, "code",
                t -> t.callback(Map.of("state", t.engine.connections.beginAuthorization(ACME).state(), "code", "c",
                        "realmId", "1 2/../x")));
        oauth(rows, "oauth: a state of 10,000 characters (fixed: was VALIDATION_FAILED after a lookup)", 400, "state",
                t -> t.callback(Map.of("state", "s".repeat(10_000), "code", "c")));
        oauth(rows, "oauth: a code of 10,000 characters (fixed: it was sent to the provider)", 400, "code",
                t -> t.callback(Map.of("state", t.engine.connections.beginAuthorization(ACME).state(), "code", "c".repeat(10_000))));
        oauth(rows, "oauth: a control character in the code (fixed: it was sent to the provider)", 400, "code",
                t -> t.callback(Map.of("state", t.engine.connections.beginAuthorization(ACME).state(), "code", "c\r\nX-Injected: 1")));
        oauth(rows, "oauth: the state given twice (fixed: the first one was used)", 400, "state", t -> {
            String state = t.engine.connections.beginAuthorization(ACME).state();
            return t.callbackRaw(Map.of("state", new String[] {state, "other"}, "code", new String[] {"c"}));
        });
    }

    private static void oauth(List<Row> rows, String name, int status, String field, Function<BadInputTest, Refusal> attempt) {
        rows.add(new Row(name, t -> {
            Refusal refusal = attempt.apply(t);
            assertThat(t.engine.stores.connections().find(ACME, "xero").orElseThrow().tenantId())
                    .as("acme stays on its books").isEqualTo("tenant-1");
            return refusal;
        }, Refusal.http(status, ErrorCode.AUTHORIZATION_FAILED, field)));
    }

    // ---------------------------------------------------------------- webhooks (guards: the other helper owns their behaviour)

    private static void webhooks(List<Row> rows) {
        webhook(rows, "webhook: a forged signature (guard)", "/xero", Map.of(ScriptedProvider.SIGNATURE_HEADER, "forged"),
                "tenant-1,INVOICE,x,UPDATE", 401, ScriptedProvider.SIGNATURE_HEADER);
        webhook(rows, "webhook: no signature header (guard)", "/xero", Map.of(), "tenant-1,INVOICE,x,UPDATE", 401,
                ScriptedProvider.SIGNATURE_HEADER);
        webhook(rows, "webhook: a body over 1 MiB (guard)", "/xero", Map.of(ScriptedProvider.SIGNATURE_HEADER, "good"),
                "x".repeat(1_048_577), 413, "body");
        webhook(rows, "webhook: signed but malformed, acknowledged so the sender does not hold back later ones (guard)", "/xero",
                Map.of(ScriptedProvider.SIGNATURE_HEADER, "good"), "{\"events\": [", 200, "body");
        webhook(rows, "webhook: for a provider that is not installed (guard)", "/sage", Map.of(ScriptedProvider.SIGNATURE_HEADER, "good"),
                "tenant-1,INVOICE,x,UPDATE", 404, "provider");
    }

    private static void webhook(List<Row> rows, String name, String path, Map<String, String> headers, String body, int status,
                                String field) {
        rows.add(new Row(name, t -> {
            FakeHttp.Answer answer = new FakeHttp.Answer();
            try {
                new WebhookServlet(t.engine.directory, t.engine.remoteUpdates)
                        .service(FakeHttp.post(path, headers, body.getBytes(StandardCharsets.UTF_8)), answer.response);
            } catch (ServletException | java.io.IOException e) {
                throw new AssertionError(e);
            }
            t.engine.remoteUpdates.settle();
            return Refusal.http(answer.status.get(), null, field);
        }, Refusal.http(status, null, field)));
    }

    // ---------------------------------------------------------------- helpers

    private long documents() {
        return engine.stores.reports().countByStatus(null).values().stream().mapToLong(Long::longValue).sum();
    }

    private Refusal lock(Invoice invoice) {
        return refused(() -> engine.sync.invoiceLocked(ACME, invoice));
    }

    private Refusal pay(Payment payment) {
        return refused(() -> engine.sync.paymentCollected(ACME, payment));
    }

    private Refusal credit(CreditNote creditNote) {
        return refused(() -> engine.sync.invoiceCancelled(ACME, creditNote));
    }

    private Refusal failure(DocumentRef document) {
        var status = engine.sync.status(document).orElseThrow();
        assertThat(status.status()).as(document + " status").isEqualTo(SyncStatus.FAILED);
        String message = status.error().message();
        return Refusal.typed(status.error().code(), message.substring(0, message.indexOf(' ')));
    }

    private Refusal callback(Map<String, String> parameters) {
        Map<String, String[]> raw = new HashMap<>();
        parameters.forEach((name, value) -> raw.put(name, new String[] {value}));
        return callbackRaw(raw);
    }

    /**
     * The callback through the servlet. The page is all the admin sees, so the typed error is read from it: the
     * message starts with the field and ends with its code's action.
     */
    private Refusal callbackRaw(Map<String, String[]> parameters) {
        FakeHttp.Answer answer = new FakeHttp.Answer();
        try {
            new OAuthCallbackServlet(engine.connections).service(FakeHttp.get(parameters), answer.response);
        } catch (ServletException | java.io.IOException e) {
            throw new AssertionError(e);
        }
        String page = answer.body.toString();
        assertThat(page).as("the answer page").startsWith("<!DOCTYPE html>").hasSizeLessThan(2_000);
        if (answer.status.get() == 200) {
            return Refusal.http(200, null, null);
        }
        String message = page.substring(page.indexOf("<p>") + 3, page.indexOf("</p>"));
        ErrorCode code = Stream.of(ErrorCode.values()).filter(candidate -> message.endsWith(escape(candidate.action())))
                .findFirst().orElse(null);
        return Refusal.http(answer.status.get(), code, message.substring(0, message.indexOf(' ')));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Refusal refused(Runnable call) {
        try {
            call.run();
        } catch (InvalidInputException refused) {
            return Refusal.typed(refused.code(), refused.field());
        } catch (AccountingException other) {
            return Refusal.typed(other.code(), "(no field)");
        }
        return Refusal.typed(null, "(accepted)");
    }

    private static Refusal constructed(Runnable construction) {
        try {
            construction.run();
        } catch (IllegalArgumentException refused) {
            return Refusal.construction(refused.getMessage());
        }
        return Refusal.construction("(accepted)");
    }

    /** A good invoice to spoil one part of. */
    private static final class Draft {
        private final String hostId;
        private String number;
        private Customer customer = Samples.customer("C-1");
        private LocalDate issue = DAY;
        private LocalDate due = DAY.plusDays(20);
        private Currency currency = NZD;
        private BigDecimal exchangeRate;
        private AmountType amountType = AmountType.TAX_EXCLUSIVE;
        private final List<InvoiceLine> lines = new ArrayList<>(List.of(InvoiceLine.of("Call-out and 2 h labour",
                new BigDecimal("2"), new BigDecimal("85.00"), ProductCategory.LABOUR, List.of("GST"))));
        private String reference = "JOB-1";

        Draft(String hostId) {
            this.hostId = hostId;
            this.number = "INV-" + hostId;
        }

        Draft number(String value) {
            number = value;
            return this;
        }

        Draft reference(String value) {
            reference = value;
            return this;
        }

        Draft customer(Customer value) {
            customer = value;
            return this;
        }

        Draft dates(LocalDate issueDate, LocalDate dueDate) {
            issue = issueDate;
            due = dueDate;
            return this;
        }

        Draft currency(Currency value) {
            currency = value;
            return this;
        }

        Draft exchangeRate(BigDecimal value) {
            exchangeRate = value;
            return this;
        }

        Draft amountType(AmountType value) {
            amountType = value;
            return this;
        }

        Draft line(InvoiceLine line) {
            lines.add(line);
            return this;
        }

        Invoice build() {
            List<InvoiceLine> all = new ArrayList<>(lines);
            if (all.size() == 1) {
                all.add(InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), ProductCategory.MATERIALS,
                        List.of("GST")));
            }
            return new Invoice(hostId, number, customer, issue, due, currency, exchangeRate, amountType, all, reference);
        }
    }

    /** The scripted provider, failing the way a real one does when a callback value cannot go in a URL (QuickBooks' realmId). */
    private static final class RealmCheckingProvider extends ScriptedProvider {
        RealmCheckingProvider(String id) {
            super(id);
        }

        @Override
        public AuthorizationGrant exchangeCode(Map<String, String> callbackParameters) {
            String realmId = callbackParameters.get("realmId");
            if (realmId != null) {
                java.net.URI.create("https://quickbooks.example/v3/company/" + realmId + "/companyinfo/" + realmId);
            }
            return super.exchangeCode(callbackParameters);
        }
    }

    /** An engine configuration as Config Admin would hand it over, bad values included. */
    private record EngineConfig(String provider, long interval, long linger, long retry, long retryMax, int poll, String target)
            implements EngineConfiguration {
        @Override
        public Class<? extends Annotation> annotationType() {
            return EngineConfiguration.class;
        }

        @Override
        public String node_id() {
            return "";
        }

        @Override
        public long lane_lease_s() {
            return 120;
        }

        @Override
        public String token_keys() {
            return "";
        }

        @Override
        public long dispatch_interval_ms() {
            return interval;
        }

        @Override
        public long dispatch_linger_ms() {
            return linger;
        }

        @Override
        public int lane_workers() {
            return 4;
        }

        @Override
        public long retry_delay_s() {
            return retry;
        }

        @Override
        public long retry_delay_max_s() {
            return retryMax;
        }

        @Override
        public int poll_interval_min() {
            return poll;
        }

        @Override
        public String dataSource_target() {
            return target;
        }
    }
}
