package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;

/** Xero returns a hundred invoices a page (OpenAPI GET /Invoices "page"): a lookup that can match more reads every page. */
class XeroInvoicePagingTest extends XeroSandboxTestBase {

    @Test
    void anInvoiceInDoubtIsFoundByNumberWhenSuppliersBillsWithTheSameNumberFillTheFirstPage() throws Exception {
        // bills (ACCPAY) may share a number with ours: Xero keeps numbers unique among sales invoices only
        StringBuilder bills = new StringBuilder("{\"Invoices\":[");
        for (int i = 0; i < 120; i++) {
            bills.append(i == 0 ? "" : ",").append("{\"Type\":\"ACCPAY\",\"Contact\":{\"ContactID\":\"").append(contactId("Liam Gallagher"))
                    .append("\"},\"InvoiceNumber\":\"FS-7001\",\"Date\":\"2026-11-01\",\"Status\":\"DRAFT\",\"LineItems\":[{\"Description\":\"x\","
                            + "\"Quantity\":1,\"UnitAmount\":5,\"AccountCode\":\"200\"}]}");
        }
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/Invoices"))
                .header("Authorization", "Bearer " + session.accessToken()).header("xero-tenant-id", session.tenantId())
                .header("Accept", "application/json").PUT(HttpRequest.BodyPublishers.ofString(bills.append("]}").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String contact = contactId("Bayside Club");
        Invoice invoice = invoice("I-7", "FS-7001", ProductCategory.LABOUR);
        PushOutcome sent = provider.documents().pushInvoices(session, List.of(invoicePush(invoice, contact))).get(0);
        assertThat(sent.status()).isEqualTo(OutcomeStatus.SYNCED);

        InvoicePush inDoubt = session.invoicePush(sent.document(), key("I-7-again"), invoice, contact, null, true);
        PushOutcome found = provider.documents().pushInvoices(session, List.of(inDoubt)).get(0);

        assertThat(found.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(found.remoteId()).isEqualTo(sent.remoteId());
    }
}
