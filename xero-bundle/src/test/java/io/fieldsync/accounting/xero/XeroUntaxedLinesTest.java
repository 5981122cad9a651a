package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.spi.AuthorizationGrant;
import io.fieldsync.accounting.api.spi.AuthorizationRequest;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.testing.TestSession;
import io.fieldsync.accounting.sandbox.xero.AuDemoOrganisation;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/**
 * A line the host sends without tax gets the tax type the organisation itself has for untaxed sales, read from its
 * TaxRates: NONE ("No GST") in New Zealand, EXEMPTOUTPUT ("GST Free Income") in Australia, where NONE was retired and
 * Xero books it as BAS Excluded, outside the BAS, instead.
 */
class XeroUntaxedLinesTest extends XeroSandboxTestBase {

    static final Currency AUD = Currency.getInstance("AUD");

    Organisation australian;
    TestSession au;

    @BeforeEach
    void connectTheAustralianOrganisationToo() throws Exception {
        australian = AuDemoOrganisation.create(sandbox);
        AuthorizationGrant grant = provider.authorization().exchangeCode(consent(provider.authorization().authorizationUrl(new AuthorizationRequest(ACME, "state-1"))));
        String tenant = grant.organisations().stream().filter(org -> org.tenantId().equals(australian.tenantId().toString()))
                .findFirst().orElseThrow().tenantId();
        au = new TestSession(provider, grant.tokens(), tenant, new Mappings(Map.of(ProductCategory.LABOUR, "200",
                ProductCategory.MATERIALS, "260"), Map.of(), Map.of("GST", "OUTPUT"), null, "820", "090", Map.of(PaymentMethod.CARD, "615")));
    }

    static Invoice withAnUntaxedLine(String hostId, String number, Currency currency) {
        Customer customer = new Customer("C-B", "Bayside Club", "secretary@bayside.example", null, null);
        return new Invoice(hostId, number, customer, DAY, DAY.plusDays(20), currency, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Labour", new BigDecimal("2"), new BigDecimal("85.00"), ProductCategory.LABOUR, List.of("GST")),
                InvoiceLine.of("Export crate", new BigDecimal("1"), new BigDecimal("40.00"), ProductCategory.MATERIALS, List.of())),
                "JOB-" + hostId);
    }

    @Test
    void inAnAustralianOrganisationAnUntaxedSaleIsGstFreeIncomeNotBasExcluded() {
        String contact = australian.activeContactNamed("Bayside Club").orElseThrow().id().toString();

        PushOutcome outcome = provider.documents().pushInvoices(au, List.of(invoicePush(au, withAnUntaxedLine("I-1", "FS-9001", AUD), contact))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(australian.invoiceByNumber("ACCREC", "FS-9001")).hasValueSatisfying(invoice -> {
            assertThat(invoice.lines()).extracting(line -> line.taxType()).containsExactly("OUTPUT", "EXEMPTOUTPUT");
            assertThat(invoice.totals().totalTax()).isEqualByComparingTo("17.00");
        });
    }

    @Test
    void inANewZealandOrganisationAnUntaxedSaleIsNoGst() {
        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(withAnUntaxedLine("I-2", "FS-9002", NZD),
                contactId("Bayside Club")))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(demo.invoiceByNumber("ACCREC", "FS-9002")).hasValueSatisfying(invoice ->
                assertThat(invoice.lines()).extracting(line -> line.taxType()).containsExactly("OUTPUT2", "NONE"));
    }

    @Test
    void theOrganisationsTaxRatesAreReadOnceAnHourNotForEveryBatch() {
        String contact = australian.activeContactNamed("Bayside Club").orElseThrow().id().toString();
        proxy.exchanges.clear();

        provider.documents().pushInvoices(au, List.of(invoicePush(au, withAnUntaxedLine("I-3", "FS-9003", AUD), contact)));
        provider.documents().pushInvoices(au, List.of(invoicePush(au, withAnUntaxedLine("I-4", "FS-9004", AUD), contact)));
        clock.advance(java.time.Duration.ofMinutes(61));
        provider.documents().pushInvoices(au, List.of(invoicePush(au, withAnUntaxedLine("I-5", "FS-9005", AUD), contact)));

        // the hour also expired the access token: its 401 and the retry after the refresh are one read
        assertThat(proxy.exchanges).filteredOn(exchange -> exchange.uri().getPath().endsWith("/TaxRates") && exchange.status() == 200)
                .hasSize(2);
    }
}
