package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;

/**
 * Issue 8, item 1: a CDC response holds at most 1,000 objects. After a busy period the change that matters (a
 * payment entered on our invoice) can be past the cap; it must still be found, and the watermark must not move past
 * what was read.
 */
class QuickBooksChangeCaptureTest extends QboSandboxTestBase {

    @Test
    void aPaymentPastCdcsThousandObjectCapIsStillFoundAndTheWatermarkStaysBehindWhatWasRead() {
        Instant since = clock.instant();
        String customer = customerId("Northside Electrical");
        PushOutcome ours = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-9001", ProductCategory.LABOUR), customer))).get(0);
        clock.advance(Duration.ofMinutes(1));
        QboDirect otherApp = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        otherApp.createMany("Invoice", 1_010, i -> "{\"CustomerRef\":{\"value\":\"1\"},\"Line\":[{\"DetailType\":\"SalesItemLineDetail\","
                + "\"Amount\":10,\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"},\"Qty\":1,\"UnitPrice\":10,\"TaxCodeRef\":{\"value\":\"10\"}}}]}",
                () -> clock.advance(Duration.ofMinutes(1)));
        sandbox.enterPayment(realm.realmId(), "FS-9001", new BigDecimal("242.00"), DAY);
        Instant paidAt = clock.instant();
        proxy.exchanges.clear();

        RemoteChanges changes = provider.ledger().changesSince(session, since);

        assertThat(changes.invoices()).filteredOn(state -> state.remoteId().equals(ours.remoteId())).singleElement()
                .satisfies(state -> assertThat(state.payment().amountPaid()).isEqualByComparingTo("242.00"));
        assertThat(changes.invoices()).extracting(RemoteInvoiceState::remoteId).doesNotHaveDuplicates().hasSizeGreaterThan(1_000);
        assertThat(changes.watermark()).isBeforeOrEqualTo(paidAt);
        assertThat(apiCalls()).as("the capped CDC answer, then the changes read page by page").hasSizeLessThanOrEqualTo(6);
    }
}
