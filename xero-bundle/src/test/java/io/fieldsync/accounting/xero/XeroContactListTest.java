package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;

/**
 * A batch of customers too big for one {@code where} (Xero's URL bound, see {@link XeroContactLookupTest}) costs one
 * call when the organisation's whole contact list fits Xero's first page, and the usual lookups otherwise.
 */
class XeroContactListTest extends XeroSandboxTestBase {

    @Test
    void aBatchTooBigForOneLookupIsMatchedAgainstASmallOrganisationsWholeContactListReadInOneCall() {
        List<CustomerPush> batch = new ArrayList<>(List.of(
                customerPush(new Customer("C-1", "Liam G.", "LIAM@rockstar.com", null, null)),
                customerPush(new Customer("C-2", "  ridgeway university ", null, null, null))));
        batch.addAll(newCustomers(10, 58));

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, batch);

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(contactId("Liam Gallagher"));
        assertThat(outcomes.get(1).status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcomes.get(1).remoteId()).isEqualTo(contactId("Ridgeway University"));
        assertThat(outcomes.subList(2, outcomes.size())).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(lookups()).singleElement().satisfies(query -> assertThat(query).isEqualTo(WHOLE_LIST));
        assertThat(demo.contacts()).hasSize(3 + 48);
    }

    @Test
    void aBatchThatFitsOneLookupIsLookedUpWithoutReadingTheList() {
        provider.documents().pushCustomers(session, newCustomers(0, 3));

        assertThat(lookups()).singleElement().satisfies(query -> assertThat(query).startsWith("where="));
    }

    @Test
    void anOrganisationOfExactlyAHundredContactsIsReadWholeInOneCallForXerosPaginationSaysItIsTheOnlyPage() {
        // the demo organisation's 3 contacts and 97 more: the ×5 bench plan's third customer push met exactly this
        IntStream.range(0, 97).forEach(i -> demo.add(new Contact(UUID.randomUUID(), "Existing Client " + i,
                Instant.parse("2026-10-01T00:00:00Z"))));
        List<CustomerPush> batch = new ArrayList<>(List.of(customerPush(new Customer("C-1", "Existing Client 7", null, null, null))));
        batch.addAll(newCustomers(10, 60));

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, batch);

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(demo.activeContactNamed("Existing Client 7").orElseThrow().id().toString());
        assertThat(lookups()).containsExactly(WHOLE_LIST);
    }

    @Test
    void anOrganisationWithMoreThanOnePageOfContactsIsSearchedAndItsListIsNotReadAgain() {
        IntStream.range(0, 1000).forEach(i -> demo.add(new Contact(UUID.randomUUID(), "Existing Client " + i,
                Instant.parse("2026-10-01T00:00:00Z"))));
        List<CustomerPush> first = new ArrayList<>(List.of(customerPush(new Customer("C-1", "Existing Client 7", null, null, null))));
        first.addAll(newCustomers(10, 60));

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, first);
        List<String> firstLookups = lookups();
        proxy.exchanges.clear();
        provider.documents().pushCustomers(session, newCustomers(60, 110));

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(demo.activeContactNamed("Existing Client 7").orElseThrow().id().toString());
        assertThat(firstLookups.get(0)).as("the list, read once").isEqualTo(WHOLE_LIST);
        assertThat(firstLookups.subList(1, firstLookups.size())).isNotEmpty().allSatisfy(query -> assertThat(query).startsWith("where="));
        assertThat(lookups()).as("a big organisation's list is not read again").isNotEmpty()
                .allSatisfy(query -> assertThat(query).startsWith("where="));
    }

    @Test
    void aPageOfMoreThanAHundredAndFewerThanAskedForIsTheWholeListForXeroHonouredThePageSize() {
        IntStream.range(0, 400).forEach(i -> demo.add(new Contact(UUID.randomUUID(), "Existing Client " + i,
                Instant.parse("2026-10-01T00:00:00Z"))));
        List<CustomerPush> batch = new ArrayList<>(List.of(customerPush(new Customer("C-1", "existing client 321", null, null, null))));
        batch.addAll(newCustomers(10, 60));

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, batch);

        assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(demo.activeContactNamed("Existing Client 321").orElseThrow().id().toString());
        assertThat(lookups()).containsExactly(WHOLE_LIST);
    }

    private static final String WHOLE_LIST = "page=1&pageSize=1000";

    private static List<CustomerPush> newCustomers(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> customerPush(new Customer("C-" + i, "Harbourside Client " + (100 + i) + " Ltd",
                "accounts" + (100 + i) + "@client.example", null, null))).toList();
    }

    /** The decoded query of each GET /Contacts. */
    private List<String> lookups() {
        return proxy.exchanges.stream().filter(exchange -> exchange.method().equals("GET")
                        && exchange.uri().getPath().endsWith("/api.xro/2.0/Contacts"))
                .map(Exchange::uri).map(uri -> uri.getQuery()).toList();
    }
}
