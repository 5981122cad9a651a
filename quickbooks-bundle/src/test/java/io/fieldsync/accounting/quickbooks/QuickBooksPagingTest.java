package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * Issue 8, items 2 and 5: QBO answers at most 1,000 rows a query, and cannot filter customers on their email; a
 * company with more customers or items than one page still has every one of them found.
 */
class QuickBooksPagingTest extends QboSandboxTestBase {

    @Test
    void aCustomerPastTheFirstThousandIsMatchedByItsEmailWithTwoCallsOfLookups() {
        QboDirect person = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        create(person, "Customer", 1_200, i -> "{\"DisplayName\":\"Client %04d\",\"PrimaryEmailAddr\":{\"Address\":\"client%04d@example.com\"}}"
                .formatted(i, i));
        proxy.exchanges.clear();

        PushOutcome matched = provider.documents().pushCustomers(session, List.of(customerPush(new Customer("C-1150", "Client 1150 (renamed in the host)",
                "CLIENT1150@example.com", null, null)))).get(0);

        String id = person.query("select * from Customer where DisplayName = 'Client 1150'").path("Customer").path(0).path("Id").asText();
        assertThat(matched.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(matched.remoteId()).isEqualTo(id);
        assertThat(apiCalls()).as("the first page and the count, then the second page").hasSize(2);
        assertThat(exchangesTo("/batch")).allSatisfy(exchange -> assertThat(exchange.requestBody()).doesNotContain("PrimaryEmailAddr"));
    }

    @Test
    void referenceDataHasEveryItemPastTheFirstThousand() {
        String income = provider.ledger().referenceData(session).accounts().stream().filter(account -> "4100".equals(account.code()))
                .map(RemoteAccount::id).findFirst().orElseThrow();
        QboDirect person = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        int before = provider.ledger().referenceData(session).items().size();
        create(person, "Item", 1_050, i -> "{\"Name\":\"Service %04d\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"%s\"}}"
                .formatted(i, income));

        ReferenceData read = provider.ledger().referenceData(session);

        assertThat(read.items()).hasSize(before + 1_050);
        assertThat(read.items()).extracting(item -> item.name()).contains("Service 0001", "Service 1050");
    }

    private void create(QboDirect person, String entity, int count, IntFunction<String> body) {
        person.createMany(entity, count, body, () -> clock.advance(Duration.ofMinutes(1)));
    }
}
