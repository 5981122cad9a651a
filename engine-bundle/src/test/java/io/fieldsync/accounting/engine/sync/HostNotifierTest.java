package io.fieldsync.accounting.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AccountingListener;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncStatus;

class HostNotifierTest {

    private static DocumentStatus status(String hostId) {
        return new DocumentStatus(DocumentRef.invoice(CompanyId.of("acme"), hostId), 1, SyncStatus.SYNCED, "xero", "r-" + hostId,
                null, null, 1, java.time.Instant.parse("2026-11-02T09:00:00Z"), java.time.Instant.parse("2026-11-02T09:00:00Z"), null);
    }

    @Test
    void listenersHearOnTheNotifiersOwnThreadInOrderAndAFailingOneDoesNotSilenceTheOthers() throws Exception {
        HostNotifier notifier = new HostNotifier();
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        notifier.addListener(new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
                throw new IllegalStateException("a broken host listener");
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
            }
        });
        notifier.addListener(new AccountingListener() {
            @Override
            public void documentChanged(DocumentStatus status) {
                heard.add(status.document().hostId());
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void paymentStateChanged(DocumentRef invoice, RemotePaymentState state) {
            }
        });

        notifier.documentChanged(status("I-1"));
        notifier.documentChanged(status("I-2"));
        notifier.flush();
        notifier.deactivate();

        assertThat(heard).containsExactly("I-1", "I-2");
        assertThat(threads).containsOnly("accounting-notifier");
    }
}
