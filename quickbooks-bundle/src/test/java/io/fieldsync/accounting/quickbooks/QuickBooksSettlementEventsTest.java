package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.sandbox.qbo.control.QboPaymentSnapshot;

/**
 * Issue 8, item 4: QuickBooks announces payments and credit memos entered, changed, voided or deleted there by
 * their own events; the provider tells which invoices they concern, including those a deleted payment no longer
 * names.
 */
class QuickBooksSettlementEventsTest extends QboSandboxTestBase {

    @Test
    void aPaymentDeletedInQuickBooksLeadsToTheInvoiceItHadPaidInOneCall() throws Exception {
        String customer = customerId("Northside Electrical");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-6001", ProductCategory.LABOUR), customer)))
                .get(0).remoteId();
        provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-2", "FS-6002", ProductCategory.LABOUR), customer)));
        QboPaymentSnapshot paid = sandbox.enterPayment(realm.realmId(), "FS-6001", new BigDecimal("100.00"), DAY);
        clock.advance(Duration.ofMinutes(10));
        Instant deletedAt = clock.instant();
        deletePayment(paid.id(), paid.syncToken());
        proxy.exchanges.clear();

        List<String> affected = provider.webhooks().invoicesAffectedBy(session, List.of(new RemoteEvent(realm.realmId(), RemoteResourceType.PAYMENT, paid.id(), RemoteEventType.DELETE,
                deletedAt)));

        assertThat(affected).containsExactly(invoiceId);
        assertThat(provider.ledger().invoiceStates(session, affected)).singleElement()
                .satisfies(state -> assertThat(state.payment().amountPaid()).isEqualByComparingTo("0"));
        assertThat(apiCalls()).as("the events' queries in one call, the states in one more").hasSize(2);
    }

    @Test
    void eventsOfPaymentsAndMemosStillThereAreFollowedToTheirInvoicesWithoutReadingOtherChanges() {
        String customer = customerId("Northside Electrical");
        String invoiceId = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-6101", ProductCategory.LABOUR), customer)))
                .get(0).remoteId();
        QboPaymentSnapshot paid = sandbox.enterPayment(realm.realmId(), "FS-6101", new BigDecimal("50.00"), DAY);
        proxy.exchanges.clear();

        List<String> affected = provider.webhooks().invoicesAffectedBy(session, List.of(new RemoteEvent(realm.realmId(), RemoteResourceType.PAYMENT, paid.id(), RemoteEventType.CREATE,
                clock.instant())));

        assertThat(affected).containsExactly(invoiceId);
        assertThat(exchangesTo("/batch")).singleElement().satisfies(exchange -> assertThat(exchange.requestBody())
                .contains("from Payment where Id in").doesNotContain("LastUpdatedTime"));
    }
}
