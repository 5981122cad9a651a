package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.spi.RateLimitedException;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.ReferenceData;

/** Connecting, reference data, contacts, and what fails a whole call (tokens, throttling), against the QBO sandbox. */
class QuickBooksConnectionTest extends QboSandboxTestBase {

    // ---- connection and reference data

    @Test
    void connectingNamesTheCompanyFromItsCompanyInfoAndTheRealmIsTheTenant() {
        assertThat(session.tenantId()).isEqualTo(realm.realmId());
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(COMPANY);
    }

    @Test
    void referenceDataIsOneBatchCallWithAccountsTaxCodesWithRatesAndItems() {
        ReferenceData data = provider.ledger().referenceData(session);

        assertThat(apiCalls()).as("company, accounts, tax codes, tax rates and items in one batch").hasSize(1);
        assertThat(data.account("4100")).hasValueSatisfying(account -> assertThat(account.type()).isEqualTo(AccountType.REVENUE));
        assertThat(data.account("1250")).hasValueSatisfying(account -> {
            assertThat(account.type()).isEqualTo(AccountType.UNDEPOSITED_FUNDS);
            assertThat(account.acceptsPayments()).isTrue();
        });
        assertThat(data.account("1100")).hasValueSatisfying(account -> assertThat(account.acceptsPayments()).isTrue());
        assertThat(data.taxRate("10")).hasValueSatisfying(rate -> {
            assertThat(rate.name()).isEqualTo("GST");
            assertThat(rate.ratePercent()).isEqualByComparingTo("10");
            assertThat(rate.active()).isTrue();
        });
        assertThat(data.taxRate("11")).hasValueSatisfying(rate -> assertThat(rate.ratePercent()).isEqualByComparingTo("0"));
        assertThat(data.items()).extracting(item -> item.name()).contains("Services", "Hours");
        assertThat(exchangesTo("/batch")).allSatisfy(exchange -> assertThat(exchange.uri().getQuery()).contains("minorversion=75"));
    }

    @Test
    void contactsAreReadPageByPageForTheImport() {
        var page = provider.ledger().contacts(session, 1);

        assertThat(page.contacts()).extracting(contact -> contact.name())
                .contains("Harbour Plumbing Pty Ltd", "Liam Gallagher", "Northside Electrical");
        assertThat(page.hasMore()).isFalse();
        assertThat(exchangesTo("/query")).singleElement().satisfies(exchange -> assertThat(exchange.uri().getQuery()).contains("startposition 1"));
    }

    @Test
    void customersAreReadByIdInOneBatchCallForNameSync() {
        String liam = customerId("Liam Gallagher");
        String northside = customerId("Northside Electrical");
        proxy.exchanges.clear();

        var found = provider.ledger().contactsById(session, List.of(liam, northside, liam));

        assertThat(found).extracting(contact -> contact.name()).containsExactlyInAnyOrder("Liam Gallagher", "Northside Electrical");
        assertThat(proxy.exchanges).singleElement().satisfies(exchange -> assertThat(exchange.uri().getPath()).endsWith("/batch"));
    }

    // ---- errors of the whole call

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallRetried() {
        sandbox.advanceClock(Duration.ofMinutes(61));

        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(COMPANY);
        assertThat(session.refreshes).isEqualTo(1);
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOne() {
        var rotated = provider.authorization().refresh(session.tokens);

        assertThat(rotated.refreshToken()).isNotEqualTo(session.tokens.refreshToken());
        assertThat(exchangesTo("/tokens/bearer")).singleElement()
                .satisfies(exchange -> assertThat(exchange.requestHeaders().get("x-include-refresh-token-hard-expires-in")).containsExactly("true"));
        session.tokens = rotated;
        assertThat(provider.ledger().referenceData(session).organisationName()).isEqualTo(COMPANY);
    }

    @Test
    void aRevokedConnectionIsConnectionExpiredAndARevokedRefreshTokenToo() {
        provider.authorization().revoke(session.tokens);

        assertThatThrownBy(() -> provider.authorization().refresh(session.tokens))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
        assertThatThrownBy(() -> provider.ledger().referenceData(session))
                .isInstanceOfSatisfying(AccountingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED));
    }

    @Test
    void aThrottledCallIsRateLimitedWithABackoffSinceQuickBooksSendsNoRetryAfter() {
        sandbox.throttleNext(1);

        assertThatThrownBy(() -> provider.ledger().referenceData(session)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(QuickBooksHttp.THROTTLE_BACKOFF);
            assertThat(e.limit()).isNotNull();
        });
    }

    @Test
    void aBatchIsReportedWithItsItemsForQuickBooksMetersEachItemAsACall() {
        provider.ledger().referenceData(session);
        provider.ledger().contacts(session, 1);

        // six queries in one /batch: six of the realm's 500 a minute and one of its 40 batches; the plain query is one call
        assertThat(session.batchItems).containsExactly(6);
        assertThat(session.calls).hasSize(2);
    }

    @Test
    void aRefusedBatchIsOneRecordedCallSinceQuickBooksServesNoneOfItsItems() {
        sandbox.throttleNext(1);

        assertThatThrownBy(() -> provider.ledger().referenceData(session)).isInstanceOf(RateLimitedException.class);
        assertThat(session.batchItems).isEmpty();
        assertThat(session.calls).singleElement().satisfies(call -> assertThat(call.httpStatus()).isEqualTo(429));
    }

    @Test
    void itsLimitsDeclareFortyBatchRequestsAMinuteBesidesTheFiveHundredCalls() {
        assertThat(provider.descriptor().limits().callsPerMinute()).isEqualTo(500);
        assertThat(provider.descriptor().limits().batchRequestsPerMinute()).isEqualTo(40);
    }

    @Test
    void everyCallIsLoggedWithoutSecrets() {
        provider.ledger().referenceData(session);

        assertThat(session.calls).extracting(call -> call.operation()).as("what the batch carried, for the admin reading the log")
                .containsExactly("POST /batch (query ×6)");
        assertThat(session.calls).allSatisfy(call -> assertThat(call.httpStatus()).isEqualTo(200));
    }
}
