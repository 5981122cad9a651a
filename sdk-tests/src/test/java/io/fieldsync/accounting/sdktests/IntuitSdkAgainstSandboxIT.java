package io.fieldsync.accounting.sdktests;

import com.intuit.ipp.core.Context;
import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.core.ServiceType;
import com.intuit.ipp.data.CreditMemo;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.Error;
import com.intuit.ipp.data.Fault;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Item;
import com.intuit.ipp.data.Line;
import com.intuit.ipp.data.LineDetailTypeEnum;
import com.intuit.ipp.data.LinkedTxn;
import com.intuit.ipp.data.OperationEnum;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.data.ReferenceType;
import com.intuit.ipp.data.SalesItemLineDetail;
import com.intuit.ipp.exception.AuthenticationException;
import com.intuit.ipp.exception.ConfigurationException;
import com.intuit.ipp.exception.FMSException;
import com.intuit.ipp.exception.ServiceException;
import com.intuit.ipp.exception.ValidationException;
import com.intuit.ipp.interceptors.HTTPURLConnectionInterceptor;
import com.intuit.ipp.security.OAuth2Authorizer;
import com.intuit.ipp.services.BatchOperation;
import com.intuit.ipp.services.CDCQueryResult;
import com.intuit.ipp.services.DataService;
import com.intuit.ipp.services.QueryResult;
import com.intuit.ipp.util.Config;
import org.apache.http.NoHttpResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Intuit's official Java SDK ({@code ipp-v3-java-devkit}) with its default settings (intuit-default-config.xml: JSON
 * both ways, gzip request bodies, its own minor version, a requestid on every call) against the standalone QuickBooks
 * Online sandbox: what a developer trying the sandbox with the vendor's SDK does first.
 */
class IntuitSdkAgainstSandboxIT {

    private static final AtomicInteger NUMBERS = new AtomicInteger(1);

    /** The AU company (global tax model): every sales line names a GST code. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AustralianCompany {

        private StandaloneSandbox sandbox;
        private DataService service;
        private String servicesItem;

        @BeforeAll
        void start() throws FMSException {
            sandbox = StandaloneSandbox.start("--provider", "qbo");
            service = dataService(sandbox);
            servicesItem = itemNamed(service, "Services").getId();
        }

        @AfterAll
        void stop() throws InterruptedException {
            sandbox.close();
        }

        @Test
        void theJarNamesTheAustralianCompanyByDefault() {
            assertThat(sandbox.remark("realm id")).isEqualTo("FieldSync Demo Company (AU)");
        }

        @Test
        void aCustomerCreatedIsFoundByItsDisplayName() throws FMSException {
            Customer created = service.add(customer("Coastal Gas Fitting " + unique()));

            QueryResult found = service.executeQuery("select * from Customer where DisplayName = '"
                    + created.getDisplayName() + "'");

            assertThat(created.getId()).isNotBlank();
            assertThat(created.getSyncToken()).isEqualTo("0");
            assertThat(found.getEntities()).singleElement()
                    .extracting(e -> ((Customer) e).getId()).isEqualTo(created.getId());
        }

        @Test
        void anInvoiceReadBackCarriesTheTotalsQuickBooksComputed() throws FMSException {
            Customer customer = service.add(customer("Invoice Reader " + unique()));
            String number = "SDK-" + unique();

            Invoice created = service.add(invoice(customer, number, "10", "2", "100.00"));
            Invoice read = service.findById(byId(new Invoice(), created.getId()));

            assertThat(read.getDocNumber()).isEqualTo(number);
            assertThat(read.getCustomerRef().getValue()).isEqualTo(customer.getId());
            assertThat(read.getTxnTaxDetail().getTotalTax()).isEqualByComparingTo("20.00");
            assertThat(read.getTotalAmt()).isEqualByComparingTo("220.00");
            assertThat(read.getBalance()).isEqualByComparingTo("220.00");
            assertThat(read.getLine()).filteredOn(l -> l.getDetailType() == LineDetailTypeEnum.SALES_ITEM_LINE_DETAIL)
                    .singleElement().satisfies(l -> {
                        assertThat(l.getAmount()).isEqualByComparingTo("200.00");
                        assertThat(l.getSalesItemLineDetail().getTaxCodeRef().getValue()).isEqualTo("10");
                    });
        }

        @Test
        void aPaymentLeavesItsInvoicePaidWhenReadBack() throws FMSException {
            Customer customer = service.add(customer("Payer " + unique()));
            Invoice invoice = service.add(invoice(customer, "SDK-" + unique(), "10", "1", "50.00"));

            Payment payment = service.add(payment(customer, invoice, invoice.getTotalAmt()));
            Invoice paid = service.findById(byId(new Invoice(), invoice.getId()));

            assertThat(payment.getId()).isNotBlank();
            assertThat(payment.getTotalAmt()).isEqualByComparingTo("55.00");
            assertThat(payment.getLine()).singleElement()
                    .satisfies(l -> assertThat(l.getLinkedTxn()).singleElement()
                            .satisfies(t -> assertThat(t.getTxnId()).isEqualTo(invoice.getId())));
            assertThat(paid.getBalance()).isEqualByComparingTo("0");
            assertThat(paid.getSyncToken()).isNotEqualTo(invoice.getSyncToken());
        }

        @Test
        void aCreditMemoHoldsItsWholeTotalAsRemainingCredit() throws FMSException {
            Customer customer = service.add(customer("Credited " + unique()));
            CreditMemo memo = new CreditMemo();
            memo.setCustomerRef(ref(customer.getId()));
            memo.setDocNumber("CN-" + unique());
            memo.setLine(List.of(salesLine(servicesItem, "10", "1", "30.00")));

            CreditMemo created = service.add(memo);
            CreditMemo read = service.findById(byId(new CreditMemo(), created.getId()));

            assertThat(read.getTotalAmt()).isEqualByComparingTo("33.00");
            assertThat(read.getRemainingCredit()).isEqualByComparingTo("33.00");
            assertThat(read.getDocNumber()).isEqualTo(memo.getDocNumber());
        }

        @Test
        void aBatchAnswersEveryItemByItsOwnBatchIdWithItsOwnFault() throws FMSException {
            Customer existing = service.add(customer("Batch Existing " + unique()));
            Invoice first = service.add(invoice(existing, "SDK-" + unique(), "10", "1", "10.00"));
            BatchOperation batch = new BatchOperation();
            Customer fresh = customer("Batch Fresh " + unique());
            batch.addEntity(fresh, OperationEnum.CREATE, "newCustomer");
            batch.addEntity(invoice(existing, first.getDocNumber(), "10", "1", "10.00"), OperationEnum.CREATE,
                    "duplicateInvoice");
            batch.addQuery("select * from Customer where DisplayName = '" + existing.getDisplayName() + "'",
                    "existingCustomer");

            service.executeBatch(batch);

            assertThat(batch.isEntity("newCustomer")).isTrue();
            assertThat(((Customer) batch.getEntity("newCustomer")).getDisplayName()).isEqualTo(fresh.getDisplayName());
            assertThat(batch.isFault("duplicateInvoice")).isTrue();
            Fault fault = batch.getFault("duplicateInvoice");
            assertThat(fault.getType()).isEqualTo("ValidationFault");
            assertThat(fault.getError()).extracting(Error::getCode).containsExactly("6140");
            assertThat(batch.isQuery("existingCustomer")).isTrue();
            assertThat(batch.getQueryResponse("existingCustomer").getEntities()).singleElement()
                    .extracting(e -> ((Customer) e).getId()).isEqualTo(existing.getId());
        }

        @Test
        void changeDataCaptureListsWhatChangedSinceAMomentOfTheSandboxesOwnClock() throws FMSException {
            Customer customer = service.add(customer("Changed " + unique()));
            Invoice invoice = service.add(invoice(customer, "SDK-" + unique(), "10", "1", "12.00"));
            // The moment comes from the sandbox (the invoice's own CreateTime), never from this machine's clock.
            Date since = new Date(invoice.getMetaData().getCreateTime().getTime() - 1_000);

            List<CDCQueryResult> changes = service.executeCDCQuery(List.of(new Invoice(), new Customer()),
                    isoInstant(since));

            assertThat(changes).isNotEmpty();
            QueryResult invoices = changes.get(0).getQueryResults().get("Invoice");
            assertThat(invoices).isNotNull();
            assertThat(invoices.getEntities()).extracting(e -> ((Invoice) e).getId()).contains(invoice.getId());
        }

        @Test
        void aDuplicateDocNumberFailsWithQuickBooksOwnErrorCode() throws FMSException {
            Customer customer = service.add(customer("Duplicate " + unique()));
            String number = "SDK-" + unique();
            service.add(invoice(customer, number, "10", "1", "10.00"));

            FMSException refused = catchThrowableOfType(FMSException.class,
                    () -> service.add(invoice(customer, number, "10", "1", "10.00")));

            // QBO's fault type is "ValidationFault" (api-facts §8.1; the SDK's own FaultTypeEnum), and the SDK's
            // HandleResponseInterceptor maps only "Validation" to ValidationException: against the real service, as
            // here, a validation error arrives as a plain FMSException whose error list carries QBO's code.
            assertThat(refused).isNotNull().isNotInstanceOf(ValidationException.class);
            assertThat(refused.getErrorList()).singleElement().satisfies(e -> {
                assertThat(e.getCode()).isEqualTo("6140");
                assertThat(e.getMessage()).isEqualTo("Duplicate Document Number Error");
                assertThat(e.getDetail()).contains(number);
            });
        }

        @Test
        void aThrottledCallIsTheSdksServiceExceptionWithQuickBooksThrottleCode() throws Exception {
            control(sandbox, "/faults/too-many-requests?calls=1");

            ServiceException throttled = catchThrowableOfType(ServiceException.class,
                    () -> service.executeQuery("select * from Customer"));

            assertThat(throttled).isNotNull();
            assertThat(throttled.getErrorList()).extracting(Error::getCode).containsExactly("003001");
        }

        @Test
        void aSparseUpdateRenamesACustomerAndAStaleSyncTokenIs5010() throws FMSException {
            Customer created = service.add(customer("Renamed " + unique()));
            Customer change = new Customer();
            change.setId(created.getId());
            change.setSyncToken(created.getSyncToken());
            change.setSparse(true);
            change.setDisplayName(created.getDisplayName() + " Ltd");

            Customer renamed = service.update(change);
            FMSException stale = catchThrowableOfType(FMSException.class, () -> service.update(change));

            assertThat(renamed.getDisplayName()).isEqualTo(created.getDisplayName() + " Ltd");
            assertThat(renamed.getSyncToken()).isEqualTo("1");
            assertThat(stale).isNotNull();
            assertThat(stale.getErrorList()).extracting(Error::getCode).containsExactly("5010");
        }

        @Test
        void anInvoiceVoidedThroughTheSdkStaysWithItsNumberAndNothingDue() throws FMSException {
            Customer customer = service.add(customer("Voided " + unique()));
            Invoice invoice = service.add(invoice(customer, "SDK-" + unique(), "10", "1", "40.00"));

            // DataService.voidRequest sends POST /invoice?include=void (no operation parameter).
            service.voidRequest(invoice);
            Invoice read = service.findById(byId(new Invoice(), invoice.getId()));

            assertThat(read.getDocNumber()).isEqualTo(invoice.getDocNumber());
            assertThat(read.getTotalAmt()).isEqualByComparingTo("0");
            assertThat(read.getBalance()).isEqualByComparingTo("0");
            assertThat(read.getPrivateNote()).contains("Voided");
        }

        @Test
        void aPaymentDeletedThroughTheSdkPutsItsAmountBackOnTheInvoice() throws FMSException {
            Customer customer = service.add(customer("Refunded " + unique()));
            Invoice invoice = service.add(invoice(customer, "SDK-" + unique(), "10", "1", "20.00"));
            Payment payment = service.add(payment(customer, invoice, invoice.getTotalAmt()));

            Payment deleted = service.delete(payment);
            Invoice read = service.findById(byId(new Invoice(), invoice.getId()));

            assertThat(deleted.getId()).isEqualTo(payment.getId());
            assertThat(read.getBalance()).isEqualByComparingTo("22.00");
        }

        @Test
        void aWriteWhoseAnswerWasLostIsAppliedOnceWhenResentWithItsRequestid() throws Exception {
            String name = "Lost Answer " + unique();
            String requestId = UUID.randomUUID().toString().replace("-", "");
            Context context = context(sandbox);
            DataService resending = new DataService(context);
            control(sandbox, "/faults/drop-after-apply?writes=1");

            // The SDK's retry handler would resend a POST that got no answer, but its compressed body is not
            // repeatable: Apache HttpClient gives up and the SDK reports ConfigurationException, outcome unknown.
            context.setRequestID(requestId);
            Throwable lost = catchThrowable(() -> resending.add(customer(name)));
            // Resending with the same requestid (Context.setRequestID) is QBO's way to learn what happened.
            context.setRequestID(requestId);
            Customer resent = resending.add(customer(name));
            QueryResult withThatName = service.executeQuery("select * from Customer where DisplayName = '" + name
                    + "'");

            assertThat(lost).isInstanceOf(ConfigurationException.class).hasRootCauseInstanceOf(
                    NoHttpResponseException.class);
            assertThat(withThatName.getEntities()).singleElement()
                    .extracting(e -> ((Customer) e).getId()).isEqualTo(resent.getId());
        }

        private Invoice invoice(Customer customer, String number, String taxCode, String qty, String unitPrice) {
            Invoice invoice = new Invoice();
            invoice.setCustomerRef(ref(customer.getId()));
            invoice.setDocNumber(number);
            invoice.setLine(List.of(salesLine(servicesItem, taxCode, qty, unitPrice)));
            return invoice;
        }
    }

    /** The US company (sales-tax model): a US-style client sends lines without any TaxCodeRef. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UnitedStatesCompany {

        private StandaloneSandbox sandbox;
        private DataService service;

        @BeforeAll
        void start() throws FMSException {
            sandbox = StandaloneSandbox.start("--provider", "qbo", "--country", "US");
            service = dataService(sandbox);
        }

        @AfterAll
        void stop() throws InterruptedException {
            sandbox.close();
        }

        @Test
        void theJarNamesTheUsCompanyWhenAskedForIt() {
            assertThat(sandbox.remark("realm id")).isEqualTo("FieldSync Demo Company (US)");
        }

        @Test
        void anInvoiceWithoutTaxCodesIsCreatedUntaxedAndPaid() throws FMSException {
            Customer customer = service.add(customer("US Customer " + unique()));
            Invoice invoice = new Invoice();
            invoice.setCustomerRef(ref(customer.getId()));
            invoice.setDocNumber("US-" + unique());
            invoice.setLine(List.of(salesLine(itemNamed(service, "Services").getId(), null, "3", "40.00")));

            Invoice created = service.add(invoice);
            service.add(payment(customer, created, created.getTotalAmt()));
            Invoice read = service.findById(byId(new Invoice(), created.getId()));

            assertThat(created.getTotalAmt()).isEqualByComparingTo("120.00");
            assertThat(read.getBalance()).isEqualByComparingTo("0");
        }
    }

    /** The SDK on its java.net transport: compressed bodies both ways, decompressed by the SDK itself. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HttpUrlConnectionTransport {

        private StandaloneSandbox sandbox;
        private DataService service;

        @BeforeAll
        void start() throws FMSException {
            sandbox = StandaloneSandbox.start("--provider", "qbo");
            service = dataServiceOverHttpUrlConnection(sandbox);
        }

        @AfterAll
        void stop() throws InterruptedException {
            sandbox.close();
        }

        @Test
        void anInvoiceIsCreatedAndReadBackThroughCompressedAnswers() throws FMSException {
            Customer customer = service.add(customer("Java Net " + unique()));
            Invoice invoice = new Invoice();
            invoice.setCustomerRef(ref(customer.getId()));
            invoice.setDocNumber("NET-" + unique());
            invoice.setLine(List.of(salesLine(itemNamed(service, "Hours").getId(), "11", "2", "15.00")));

            Invoice created = service.add(invoice);
            Invoice read = service.findById(byId(new Invoice(), created.getId()));

            assertThat(read.getTotalAmt()).isEqualByComparingTo("30.00");
            assertThat(read.getTxnTaxDetail().getTotalTax()).isEqualByComparingTo("0");
        }
    }

    /** Access the user ended or tokens that expired: the SDK's own exceptions, from QBO's 401 and 403 answers. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EndedAccess {

        private StandaloneSandbox sandbox;
        private DataService service;

        @BeforeAll
        void start() throws FMSException {
            sandbox = StandaloneSandbox.start("--provider", "qbo");
            service = dataService(sandbox);
        }

        @AfterAll
        void stop() throws InterruptedException {
            sandbox.close();
        }

        @Test
        void anExpiredAccessTokenIsTheSdksAuthenticationExceptionWithCode3200() throws Exception {
            control(sandbox, "/access/expire-tokens");

            // QBO's 401 body is the lower-case {"fault":{"error":[…],"type":"AUTHENTICATION"}} (api-facts §8.1), which
            // the SDK parses into its AuthenticationException; InvalidTokenException is only for a 401 without one.
            AuthenticationException refused = catchThrowableOfType(AuthenticationException.class,
                    () -> service.executeQuery("select * from Customer"));

            assertThat(refused).isNotNull();
            assertThat(refused.getErrorList()).extracting(Error::getCode).containsExactly("3200");
        }
    }

    private static void control(StandaloneSandbox sandbox, String action) throws Exception {
        HttpResponse<String> done = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.value("control") + action))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as("%s: %s", action, done.body()).isEqualTo(200);
    }

    private static DataService dataService(StandaloneSandbox sandbox) throws FMSException {
        // Config is the SDK's per-thread configuration. Two settings differ from its defaults, both about where the
        // sandbox is, none about what goes on the wire: the base URL, and the sandbox as the HTTP proxy, because the
        // SDK's default transport drops the base URL's port (HTTPClientConnectionInterceptor connects to
        // new HttpHost(uri.getHost(), -1, uri.getScheme()), i.e. port 80 or 443) while a proxy keeps its own.
        URI api = URI.create(sandbox.value("API base URL"));
        Config.setProperty(Config.HTTP_TRANSPORT, "");
        Config.setProperty(Config.BASE_URL_QBO, api + "/v3/company");
        Config.setProperty(Config.PROXY_HOST, api.getHost());
        Config.setProperty(Config.PROXY_PORT, Integer.toString(api.getPort()));
        return new DataService(context(sandbox));
    }

    /**
     * The SDK's other transport, java.net.HttpURLConnection ({@code httpTransport} HTTP_URL_CONNECTION), which keeps
     * the base URL's port and leaves answers compressed for the SDK's own DecompressionInterceptor to undo.
     */
    private static DataService dataServiceOverHttpUrlConnection(StandaloneSandbox sandbox) throws FMSException {
        Config.setProperty(Config.HTTP_TRANSPORT, HTTPURLConnectionInterceptor.HTTP_URL_CONNECTION);
        Config.setProperty(Config.BASE_URL_QBO, sandbox.value("API base URL") + "/v3/company");
        Config.setProperty(Config.PROXY_HOST, "");
        Config.setProperty(Config.PROXY_PORT, "");
        return new DataService(context(sandbox));
    }

    private static Context context(StandaloneSandbox sandbox) throws FMSException {
        return new Context(new OAuth2Authorizer(sandbox.value("access token")), ServiceType.QBO,
                sandbox.value("realm id"));
    }

    private static Item itemNamed(DataService service, String name) throws FMSException {
        QueryResult items = service.executeQuery("select * from Item where Name = '" + name + "'");
        return (Item) items.getEntities().get(0);
    }

    private static Customer customer(String name) {
        Customer customer = new Customer();
        customer.setDisplayName(name);
        return customer;
    }

    private static Payment payment(Customer customer, Invoice invoice, BigDecimal amount) {
        LinkedTxn linked = new LinkedTxn();
        linked.setTxnId(invoice.getId());
        linked.setTxnType("Invoice");
        Line line = new Line();
        line.setAmount(amount);
        line.setLinkedTxn(List.of(linked));
        Payment payment = new Payment();
        payment.setCustomerRef(ref(customer.getId()));
        payment.setTotalAmt(amount);
        payment.setLine(List.of(line));
        return payment;
    }

    private static Line salesLine(String itemId, String taxCode, String qty, String unitPrice) {
        SalesItemLineDetail detail = new SalesItemLineDetail();
        detail.setItemRef(ref(itemId));
        detail.setQty(new BigDecimal(qty));
        detail.setUnitPrice(new BigDecimal(unitPrice));
        if (taxCode != null) {
            detail.setTaxCodeRef(ref(taxCode));
        }
        Line line = new Line();
        line.setDetailType(LineDetailTypeEnum.SALES_ITEM_LINE_DETAIL);
        line.setAmount(new BigDecimal(qty).multiply(new BigDecimal(unitPrice)));
        line.setSalesItemLineDetail(detail);
        return line;
    }

    private static ReferenceType ref(String id) {
        ReferenceType ref = new ReferenceType();
        ref.setValue(id);
        return ref;
    }

    private static <T extends IEntity> T byId(T entity, String id) {
        if (entity instanceof Invoice invoice) {
            invoice.setId(id);
        } else if (entity instanceof CreditMemo memo) {
            memo.setId(id);
        }
        return entity;
    }

    private static String isoInstant(Date date) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(date);
    }

    private static String unique() {
        return NUMBERS.getAndIncrement() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
