package io.fieldsync.accounting.engine.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

class EventAdminConnectionEventsTest {

    private static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final List<Event> sent = new CopyOnWriteArrayList<>();
    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            sent.add(event);
        }
    };

    @Test
    void anExpiryIsPostedUnderTheAccountingTopicWithCompanyProviderAndReason() {
        new EventAdminConnectionEvents(eventAdmin).expired(CompanyId.of("acme"), "xero",
                SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero").withDetail("400 invalid_grant"), AT);

        assertThat(sent).as("never synchronously: a slow handler must not hold up the dispatcher").isEmpty();
        assertThat(posted).singleElement().satisfies(event -> {
            assertThat(event.getTopic()).isEqualTo("io/fieldsync/accounting/connection/EXPIRED");
            assertThat(event.getProperty("company")).isEqualTo("acme");
            assertThat(event.getProperty("provider")).isEqualTo("xero");
            assertThat(event.getProperty("reason")).isEqualTo("CONNECTION_EXPIRED");
            assertThat(event.getProperty("detail")).isEqualTo("400 invalid_grant");
            assertThat(event.getProperty("timestamp")).isEqualTo(AT.toEpochMilli());
        });
    }

    @Test
    void withoutEventAdminNothingIsPostedAndNothingBreaks() {
        new EventAdminConnectionEvents().expired(CompanyId.of("acme"), "xero", SyncError.of(ErrorCode.CONNECTION_EXPIRED, "Xero"), AT);

        assertThat(posted).isEmpty();
    }

    @Test
    void aReconnectIsPostedAsRestored() {
        new EventAdminConnectionEvents(eventAdmin).restored(CompanyId.of("acme"), "quickbooks", AT);

        assertThat(posted).singleElement().satisfies(event -> {
            assertThat(event.getTopic()).isEqualTo("io/fieldsync/accounting/connection/RESTORED");
            assertThat(event.getProperty("company")).isEqualTo("acme");
            assertThat(event.getProperty("provider")).isEqualTo("quickbooks");
        });
    }
}
