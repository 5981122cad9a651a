package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.xero.control.InvoiceSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.LedgerCounts;
import io.fieldsync.accounting.sandbox.xero.control.PaymentSnapshot;
import io.fieldsync.accounting.sandbox.xero.control.SandboxTenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What tests and demos do to the sandbox from outside: seed, read the ledger, enter payments. */
class SandboxControlTest {

    private static final LocalDate PAID_ON = LocalDate.parse("2026-03-03");

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private UUID tenant() {
        return xero.org().tenantId();
    }

    /** An invoice of 10.00 + 15% GST = 11.50 for a new contact; its number. */
    private String createInvoice(String status) {
        return xero.api().put("/Invoices", """
                {"Invoices":[{"Type":"ACCREC","Contact":{"Name":"Harbour Cafe"},"Date":"2026-03-02","DueDate":"2026-03-16",
                  "Status":"%s","LineItems":[{"Description":"x","Quantity":1,"UnitAmount":10,"AccountCode":"200"}]}]}"""
                .formatted(status)).json().get("Invoices").get(0).get("InvoiceNumber").asText();
    }

    @Test
    void theLedgerCountsWhatTheDemoSeededAndWhatTheApiAndAPersonWrote() {
        assertThat(xero.sandbox().counts(tenant())).isEqualTo(new LedgerCounts(3, 0, 0, 0));

        String number = createInvoice("AUTHORISED");
        xero.sandbox().enterPayment(tenant(), number, new BigDecimal("5"), PAID_ON, "090");

        assertThat(xero.sandbox().counts(tenant())).isEqualTo(new LedgerCounts(4, 1, 0, 1));
        assertThat(xero.sandbox().invoices(tenant())).extracting(InvoiceSnapshot::number).containsExactly(number);
        assertThat(xero.sandbox().payments(tenant())).singleElement().satisfies(p -> {
            assertThat(p.invoiceNumber()).isEqualTo(number);
            assertThat(p.amount()).isEqualByComparingTo("5.00");
            assertThat(p.accountCode()).isEqualTo("090");
            assertThat(p.date()).isEqualTo(PAID_ON);
            assertThat(p.status()).isEqualTo("AUTHORISED");
        });
    }

    @Test
    void aPartPaymentLeavesTheInvoiceAuthorisedAndTheRestPaysIt() {
        String number = createInvoice("AUTHORISED");

        xero.sandbox().enterPayment(tenant(), number, new BigDecimal("5.00"), PAID_ON, "090");
        InvoiceSnapshot partPaid = xero.sandbox().invoice(tenant(), number).orElseThrow();
        PaymentSnapshot rest = xero.sandbox().enterPayment(tenant(), number, new BigDecimal("6.50"), PAID_ON, "615");
        InvoiceSnapshot paid = xero.sandbox().invoice(tenant(), number).orElseThrow();

        assertThat(partPaid.status()).isEqualTo("AUTHORISED");
        assertThat(partPaid.amountDue()).isEqualByComparingTo("6.50");
        assertThat(rest.accountCode()).as("undeposited funds accept payments").isEqualTo("615");
        assertThat(paid.status()).isEqualTo("PAID");
        assertThat(paid.amountPaid()).isEqualByComparingTo("11.50");
        assertThat(paid.amountDue()).isEqualByComparingTo("0.00");
        assertThat(xero.api().get("/Invoices/" + paid.invoiceId()).json().get("Invoices").get(0).get("Status").asText())
                .as("the API sees what the person did").isEqualTo("PAID");
    }

    @Test
    void aPaymentTheApiWouldRefuseIsRefused() {
        String authorised = createInvoice("AUTHORISED");
        String draft = createInvoice("DRAFT");
        BigDecimal one = BigDecimal.ONE;

        assertThatThrownBy(() -> xero.sandbox().enterPayment(UUID.randomUUID(), authorised, one, PAID_ON, "090"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tenant");
        assertThatThrownBy(() -> xero.sandbox().enterPayment(tenant(), "INV-9999", one, PAID_ON, "090"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no sales invoice INV-9999");
        assertThatThrownBy(() -> xero.sandbox().enterPayment(tenant(), authorised, one, PAID_ON, "200"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no payments");
        assertThatThrownBy(() -> xero.sandbox().enterPayment(tenant(), authorised, new BigDecimal("11.51"), PAID_ON, "090"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount due (11.50)");
        assertThatThrownBy(() -> xero.sandbox().enterPayment(tenant(), authorised, BigDecimal.ZERO, PAID_ON, "090"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> xero.sandbox().enterPayment(tenant(), draft, one, PAID_ON, "090"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DRAFT");
        assertThat(xero.sandbox().counts(tenant()).payments()).isZero();
    }

    @Test
    void aSecondDemoOrganisationIsAnotherTenant() {
        SandboxTenant second = xero.sandbox().seedDemoOrganisation("Second Demo Ltd");

        assertThat(xero.sandbox().tenants()).extracting(SandboxTenant::name)
                .containsExactlyInAnyOrder(DemoOrganisation.NAME, "Second Demo Ltd");
        assertThat(xero.sandbox().counts(second.tenantId())).isEqualTo(new LedgerCounts(3, 0, 0, 0));
    }
}
