package io.fieldsync.accounting.sdktests;

import com.xero.api.ApiClient;
import com.xero.api.XeroBadRequestException;
import com.xero.api.XeroMinuteRateLimitException;
import com.xero.api.client.AccountingApi;
import com.xero.api.client.IdentityApi;
import com.xero.models.accounting.Account;
import com.xero.models.accounting.Allocation;
import com.xero.models.accounting.Allocations;
import com.xero.models.accounting.Contact;
import com.xero.models.accounting.Contacts;
import com.xero.models.accounting.CreditNote;
import com.xero.models.accounting.CreditNotes;
import com.xero.models.accounting.Invoice;
import com.xero.models.accounting.Invoices;
import com.xero.models.accounting.LineItem;
import com.xero.models.accounting.Payment;
import com.xero.models.accounting.Payments;
import com.xero.models.accounting.ValidationError;
import com.xero.models.identity.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.threeten.bp.LocalDate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Xero's official Java SDK ({@code xero-java}) with its defaults, an {@link ApiClient} on the sandbox's accounting
 * API URL and the access token and tenant id the standalone Xero sandbox prints: contacts, invoices, payments, a
 * credit note and its allocation, a where query and an idempotency key. Dates are fixed (a business date the test
 * chooses), never today's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XeroSdkAgainstSandboxIT {

    private static final AtomicInteger NUMBERS = new AtomicInteger(1);
    private static final LocalDate ISSUED = LocalDate.of(2026, 3, 2);
    private static final LocalDate DUE = LocalDate.of(2026, 3, 30);

    private StandaloneSandbox sandbox;
    private AccountingApi api;
    private String token;
    private String tenant;

    @BeforeAll
    void start() {
        sandbox = StandaloneSandbox.start("--provider", "xero");
        api = AccountingApi.getInstance(new ApiClient(sandbox.value("accounting API"), null, null, null, null));
        token = sandbox.value("access token");
        tenant = sandbox.value("tenant id");
    }

    @AfterAll
    void stop() throws InterruptedException {
        sandbox.close();
    }

    @Test
    void theIdentityApiListsTheDemoOrganisationAsAConnection() throws IOException {
        // IdentityApi calls {basePath}/Connections; its base path is the API root, where /connections lives.
        String connectionsUrl = sandbox.value("connections URL");
        IdentityApi identity = IdentityApi.getInstance(new ApiClient(
                connectionsUrl.substring(0, connectionsUrl.length() - "/connections".length()), null, null, null,
                null));

        List<Connection> connections = identity.getConnections(token, null);

        assertThat(connections).singleElement().satisfies(c -> {
            assertThat(c.getTenantId()).hasToString(tenant);
            assertThat(c.getTenantType()).isEqualTo("ORGANISATION");
            assertThat(c.getTenantName()).isEqualTo(sandbox.remark("tenant id"));
        });
    }

    @Test
    void aContactCreatedIsFoundByAWhereQueryOnItsName() throws IOException {
        String name = "Harbour Gas " + unique();

        Contacts created = api.createContacts(token, tenant, contacts(name), null, false);
        Contacts found = api.getContacts(token, tenant, null, "Name==\"" + name + "\"", null, null, null, null,
                null, null);

        assertThat(created.getContacts()).singleElement().satisfies(c -> assertThat(c.getContactID()).isNotNull());
        assertThat(found.getContacts()).singleElement()
                .satisfies(c -> assertThat(c.getContactID()).isEqualTo(created.getContacts().get(0).getContactID()));
    }

    @Test
    void anInvoiceReadBackCarriesTheTotalsXeroComputed() throws IOException {
        Contact contact = contact("Invoice Reader " + unique());
        String number = "SDK-" + unique();

        Invoice created = api.createInvoices(token, tenant, invoices(invoice(contact, number, 2.0, 100.0)), null,
                false, null).getInvoices().get(0);
        Invoice read = api.getInvoice(token, tenant, created.getInvoiceID(), null).getInvoices().get(0);

        assertThat(read.getInvoiceNumber()).isEqualTo(number);
        assertThat(read.getStatus()).isEqualTo(Invoice.StatusEnum.AUTHORISED);
        assertThat(read.getSubTotal()).isEqualTo(200.0);
        assertThat(read.getTotalTax()).isEqualTo(30.0);
        assertThat(read.getTotal()).isEqualTo(230.0);
        assertThat(read.getAmountDue()).isEqualTo(230.0);
        assertThat(read.getDateAsDate()).isEqualTo(ISSUED);
    }

    @Test
    void aWhereQueryFindsInvoicesByNumberAndStatus() throws IOException {
        Contact contact = contact("Queried " + unique());
        String number = "SDK-" + unique();
        api.createInvoices(token, tenant, invoices(invoice(contact, number, 1.0, 10.0)), null, false, null);

        Invoices found = api.getInvoices(token, tenant, null,
                "InvoiceNumber==\"" + number + "\" AND Status==\"AUTHORISED\"", null, null, null, null, null, null,
                null, null, null, null);

        assertThat(found.getInvoices()).singleElement()
                .satisfies(i -> assertThat(i.getInvoiceNumber()).isEqualTo(number));
    }

    @Test
    void aPaymentLeavesItsInvoicePaidWhenReadBack() throws IOException {
        Contact contact = contact("Payer " + unique());
        Invoice invoice = api.createInvoices(token, tenant, invoices(invoice(contact, "SDK-" + unique(), 1.0, 50.0)),
                null, false, null).getInvoices().get(0);

        Payments paid = api.createPayment(token, tenant, payment(invoice, 57.5, "Paid by card"), null);
        Invoice read = api.getInvoice(token, tenant, invoice.getInvoiceID(), null).getInvoices().get(0);

        assertThat(paid.getPayments()).singleElement().satisfies(p -> {
            assertThat(p.getPaymentID()).isNotNull();
            assertThat(p.getAmount()).isEqualTo(57.5);
        });
        assertThat(read.getStatus()).isEqualTo(Invoice.StatusEnum.PAID);
        assertThat(read.getAmountDue()).isEqualTo(0.0);
        assertThat(read.getAmountPaid()).isEqualTo(57.5);
    }

    @Test
    void aCreditNoteAllocatedToAnInvoiceReducesWhatIsDue() throws IOException {
        Contact contact = contact("Credited " + unique());
        Invoice invoice = api.createInvoices(token, tenant, invoices(invoice(contact, "SDK-" + unique(), 1.0, 100.0)),
                null, false, null).getInvoices().get(0);
        CreditNote note = new CreditNote();
        note.setType(CreditNote.TypeEnum.ACCRECCREDIT);
        note.setContact(contact);
        note.setDate(ISSUED);
        note.setStatus(CreditNote.StatusEnum.AUTHORISED);
        note.setCreditNoteNumber("CN-" + unique());
        note.setLineItems(List.of(line(1.0, 20.0)));

        CreditNote created = api.createCreditNotes(token, tenant, creditNotes(note), null, false, null)
                .getCreditNotes().get(0);
        Allocation allocation = new Allocation();
        Invoice target = new Invoice();
        target.setInvoiceID(invoice.getInvoiceID());
        allocation.setInvoice(target);
        allocation.setAmount(23.0);
        allocation.setDate(ISSUED);
        Allocations allocations = new Allocations();
        allocations.setAllocations(List.of(allocation));
        Allocations allocated = api.createCreditNoteAllocation(token, tenant, created.getCreditNoteID(), allocations,
                null, false);
        CreditNote readNote = api.getCreditNote(token, tenant, created.getCreditNoteID(), null).getCreditNotes().get(0);
        Invoice readInvoice = api.getInvoice(token, tenant, invoice.getInvoiceID(), null).getInvoices().get(0);

        assertThat(created.getTotal()).isEqualTo(23.0);
        assertThat(allocated.getAllocations()).singleElement().satisfies(a -> assertThat(a.getAmount()).isEqualTo(23.0));
        assertThat(readNote.getRemainingCredit()).isEqualTo(0.0);
        assertThat(readNote.getStatus()).isEqualTo(CreditNote.StatusEnum.PAID);
        assertThat(readInvoice.getAmountCredited()).isEqualTo(23.0);
        assertThat(readInvoice.getAmountDue()).isEqualTo(92.0);
    }

    @Test
    void theSameIdempotencyKeyCreatesOneInvoiceAndAnswersTheSecondCallWithIt() throws IOException {
        Contact contact = contact("Idempotent " + unique());
        String number = "SDK-" + unique();
        String key = UUID.randomUUID().toString();

        Invoice first = api.createInvoices(token, tenant, invoices(invoice(contact, number, 1.0, 10.0)), key, false,
                null).getInvoices().get(0);
        Invoice second = api.createInvoices(token, tenant, invoices(invoice(contact, number, 1.0, 10.0)), key, false,
                null).getInvoices().get(0);
        Invoices withThatNumber = api.getInvoices(token, tenant, null, null, null, null, List.of(number), null, null,
                null, null, null, null, null);

        assertThat(second.getInvoiceID()).isEqualTo(first.getInvoiceID());
        assertThat(withThatNumber.getInvoices()).hasSize(1);
    }

    @Test
    void anOverpaymentIsABadRequestWhoseElementCarriesXerosValidationMessage() throws IOException {
        Contact contact = contact("Overpayer " + unique());
        Invoice invoice = api.createInvoices(token, tenant, invoices(invoice(contact, "SDK-" + unique(), 1.0, 10.0)),
                null, false, null).getInvoices().get(0);

        XeroBadRequestException refused = catchThrowableOfType(XeroBadRequestException.class,
                () -> api.createPayment(token, tenant, payment(invoice, 500.0, "Too much"), null));

        assertThat(refused).isNotNull();
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getElements()).singleElement()
                .satisfies(e -> assertThat(e.getValidationErrors()).extracting(ValidationError::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("exceeds the amount outstanding")));
    }

    @Test
    void aMinuteLimitBreachIsTheSdksMinuteRateLimitExceptionWithRetryAfter() throws Exception {
        HttpResponse<String> armed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.value("control") + "/faults/too-many-requests?calls=1&retryAfterSeconds=7"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(armed.statusCode()).isEqualTo(200);

        XeroMinuteRateLimitException limited = catchThrowableOfType(XeroMinuteRateLimitException.class,
                () -> api.getContacts(token, tenant, null, null, null, null, null, null, null, null));

        assertThat(limited).isNotNull();
        assertThat(limited.getRetryAfterSeconds()).isEqualTo(7L);
        assertThat(limited.getMinuteLimitRemaining()).isZero();
        assertThat(limited.getMessage()).contains("minute");
    }

    private Contact contact(String name) throws IOException {
        return api.createContacts(token, tenant, contacts(name), null, false).getContacts().get(0);
    }

    private static Contacts contacts(String name) {
        Contact contact = new Contact();
        contact.setName(name);
        Contacts contacts = new Contacts();
        contacts.setContacts(List.of(contact));
        return contacts;
    }

    private static Invoice invoice(Contact contact, String number, double quantity, double unitAmount) {
        Contact ref = new Contact();
        ref.setContactID(contact.getContactID());
        Invoice invoice = new Invoice();
        invoice.setType(Invoice.TypeEnum.ACCREC);
        invoice.setContact(ref);
        invoice.setInvoiceNumber(number);
        invoice.setDate(ISSUED);
        invoice.setDueDate(DUE);
        invoice.setStatus(Invoice.StatusEnum.AUTHORISED);
        invoice.setLineItems(List.of(line(quantity, unitAmount)));
        return invoice;
    }

    private static LineItem line(double quantity, double unitAmount) {
        LineItem line = new LineItem();
        line.setDescription("Service call-out");
        line.setQuantity(quantity);
        line.setUnitAmount(unitAmount);
        line.setAccountCode("200");
        line.setTaxType("OUTPUT2");
        return line;
    }

    private static Invoices invoices(Invoice invoice) {
        Invoices invoices = new Invoices();
        invoices.setInvoices(List.of(invoice));
        return invoices;
    }

    private static CreditNotes creditNotes(CreditNote note) {
        CreditNotes notes = new CreditNotes();
        notes.setCreditNotes(List.of(note));
        return notes;
    }

    private static Payment payment(Invoice invoice, double amount, String reference) {
        Invoice target = new Invoice();
        target.setInvoiceID(invoice.getInvoiceID());
        Account account = new Account();
        account.setCode("090");
        Payment payment = new Payment();
        payment.setInvoice(target);
        payment.setAccount(account);
        payment.setAmount(amount);
        payment.setDate(ISSUED);
        payment.setReference(reference);
        return payment;
    }

    private static String unique() {
        return NUMBERS.getAndIncrement() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
