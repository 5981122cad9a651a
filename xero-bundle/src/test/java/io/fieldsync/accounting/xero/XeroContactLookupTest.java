package io.fieldsync.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;

/**
 * Finding the host's customers among Xero's contacts the way the real Xero lets us: its {@code where} language has
 * no escape for a quote, its contact lists come a hundred at a time, and archived contacts come only when asked for.
 */
class XeroContactLookupTest extends XeroSandboxTestBase {

    @Test
    void aCustomerWithQuotesInItsNameIsMatchedWithoutBlockingTheOthersOfTheBatch() {
        Contact bob = new Contact(UUID.randomUUID(), "Bob \"JJ\" Smith", Instant.parse("2026-10-01T00:00:00Z"));
        demo.add(bob);

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, List.of(
                customerPush(new Customer("C-1", "Bob \"JJ\" Smith", null, null, null)),
                customerPush(new Customer("C-2", "Ridgeway University", null, null, null)),
                customerPush(new Customer("C-3", "Harbour Plumbing Ltd", null, null, null))));

        assertThat(outcomes).extracting(PushOutcome::status)
                .containsExactly(OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.SYNCED);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(bob.id().toString());
        assertThat(outcomes.get(1).remoteId()).isEqualTo(contactId("Ridgeway University"));
        assertThat(demo.contacts()).filteredOn(contact -> contact.name().equals("Bob \"JJ\" Smith")).hasSize(1);
        assertThat(proxy.exchanges).filteredOn(exchange -> exchange.uri().getPath().contains("/api.xro/"))
                .allSatisfy(exchange -> assertThat(exchange.status()).as(exchange.uri().toString()).isEqualTo(200));
    }

    @Test
    void aNewCustomerWithQuotesInItsNameIsCreatedOnceAndFoundTheNextTime() {
        Customer quoted = new Customer("C-9", "The \"Best\" Bakery", null, null, null);

        PushOutcome first = provider.documents().pushCustomers(session, List.of(customerPush(quoted))).get(0);
        PushOutcome again = provider.documents().pushCustomers(session, List.of(customerPush(quoted))).get(0);

        assertThat(first.status()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(again.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(again.remoteId()).isEqualTo(first.remoteId());
    }

    @Test
    void aBackslashInANameIsSentAsItIsForXerosLiteralsHaveNoEscapes() {
        Contact slash = new Contact(UUID.randomUUID(), "A\\B Drainage", Instant.parse("2026-10-01T00:00:00Z"));
        demo.add(slash);

        PushOutcome outcome = provider.documents().pushCustomers(session, List.of(customerPush(new Customer("C-5", "A\\B Drainage", null, null,
                null)))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.remoteId()).isEqualTo(slash.id().toString());
    }

    @Test
    void aQuotedNameWhoseSearchMatchesMoreThanOnePageIsStillFound() {
        for (int i = 0; i < 130; i++) {
            demo.add(new Contact(UUID.randomUUID(), "Smith Holdings " + (1000 + i), Instant.parse("2026-10-01T00:00:00Z")));
        }
        Contact bob = new Contact(UUID.randomUUID(), "Smith \"JJ\" Smith", Instant.parse("2026-10-01T00:00:00Z"));
        demo.add(bob);

        PushOutcome outcome = provider.documents().pushCustomers(session, List.of(customerPush(new Customer("C-1", "Smith \"JJ\" Smith", null,
                null, null)))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.remoteId()).isEqualTo(bob.id().toString());
    }

    @Test
    void anEmailLookupMatchingMoreThanAPageReadsEveryPage() {
        for (int i = 0; i < 120; i++) {
            demo.add(new Contact(UUID.randomUUID(), "Site " + (1000 + i), Instant.parse("2026-10-01T00:00:00Z"))
                    .emailAddress("accounts@bigcorp.example"));
        }
        demo.add(new Contact(UUID.randomUUID(), "Zeta Site", Instant.parse("2026-10-01T00:00:00Z")).emailAddress("zeta@bigcorp.example"));

        PushOutcome outcome = provider.documents().pushCustomers(session, List.of(
                customerPush(new Customer("C-7", "Zeta Site Office", "zeta@bigcorp.example", null, null)),
                customerPush(new Customer("C-8", "Site 1000", "accounts@bigcorp.example", null, null)))).get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcome.remoteId()).isEqualTo(demo.activeContactNamed("Zeta Site").orElseThrow().id().toString());
        assertThat(demo.activeContactNamed("Zeta Site Office")).isEmpty();
    }

    @Test
    void contactsReadByIdForNameSyncIncludeArchivedOnesSoAnArchivedContactIsSeenAsInactive() {
        Contact bayside = demo.activeContactNamed("Bayside Club").orElseThrow();
        bayside.status("ARCHIVED");

        List<RemoteContact> found = provider.ledger().contactsById(session, List.of(bayside.id().toString(), contactId("Liam Gallagher")));

        assertThat(found).extracting(RemoteContact::name).containsExactlyInAnyOrder("Bayside Club", "Liam Gallagher");
        assertThat(found).filteredOn(contact -> contact.name().equals("Bayside Club")).singleElement()
                .satisfies(contact -> assertThat(contact.active()).isFalse());
    }

    @Test
    void aNameXeroRefusesToLookUpFailsAloneAndIsNeverCreatedBlind() {
        proxy.refuseQueriesContaining("Zed Works", "{\"ErrorNumber\":16,\"Type\":\"QueryParseException\",\"Message\":\"Syntax error\"}");

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, List.of(
                customerPush(new Customer("C-1", "Liam Gallagher", null, null, null)),
                customerPush(new Customer("C-2", "Zed Works", null, null, null)),
                customerPush(new Customer("C-3", "Harbour Plumbing Ltd", null, null, null))));

        assertThat(outcomes).extracting(PushOutcome::status)
                .containsExactly(OutcomeStatus.ALREADY_PRESENT, OutcomeStatus.FAILED, OutcomeStatus.SYNCED);
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.CUSTOMER_INVALID);
        assertThat(outcomes.get(1).error().message()).contains("Zed Works");
        assertThat(outcomes.get(1).error().detail()).contains("Syntax error");
        assertThat(demo.activeContactNamed("Zed Works")).isEmpty();
        assertThat(demo.activeContactNamed("Harbour Plumbing Ltd")).isPresent();
    }

    /**
     * Xero answers 404 to a URL longer than about 2,091 characters (XeroAPI/Xero-NetStandard issue #471, xero-node
     * issue #404: 52 contact ids pass, 53 fail), so a batch's lookups are packed up to that length, not by a count.
     */
    @Test
    void fiftyNewCustomersOfTheDemoBookAreLookedUpInThreeCallsNoneLongerThanXeroAccepts() {
        List<CustomerPush> batch = IntStream.range(0, 50)
                .mapToObj(i -> customerPush(new Customer("C-" + i, "Harbourside Client " + (100 + i) + " Ltd", "accounts" + (100 + i) + "@client.example",
                        null, null)))
                .toList();

        List<PushOutcome> outcomes = provider.documents().pushCustomers(session, batch);

        assertThat(outcomes).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        List<URI> lookups = proxy.exchanges.stream().filter(exchange -> exchange.method().equals("GET")
                && exchange.uri().getPath().endsWith("/api.xro/2.0/Contacts")).map(Exchange::uri).toList();
        assertThat(lookups).hasSizeLessThanOrEqualTo(3);
        assertThat(lookups).allSatisfy(uri -> assertThat(asXeroWouldSeeIt(uri)).hasSizeLessThan(2048));
    }

    private static String asXeroWouldSeeIt(URI uri) {
        return "https://api.xero.com" + uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
