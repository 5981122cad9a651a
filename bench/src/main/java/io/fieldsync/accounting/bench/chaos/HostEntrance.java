package io.fieldsync.accounting.bench.chaos;

import java.util.Optional;

import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentStatus;
import io.fieldsync.accounting.api.SyncStatus;

/**
 * How the host reaches the integration: the {@link AccountingSync} service of its own JVM (one node), or whichever
 * node a load balancer sends each call to ({@link LoadBalancer}).
 */
interface HostEntrance {

    /** Makes the step's call; returns the revision the integration acknowledged. A call that did not go through throws. */
    int make(HostStep step);

    /** The status of the step's document, if the integration knows it. */
    Optional<SyncStatus> status(HostStep step);

    /** The integration of the host's own JVM. */
    static HostEntrance local(AccountingSync sync, CompanyId company) {
        return new HostEntrance() {
            @Override
            public int make(HostStep step) {
                return step.call().submit(sync, company).revision();
            }

            @Override
            public Optional<SyncStatus> status(HostStep step) {
                return sync.status(step.call().document(company)).map(DocumentStatus::status);
            }
        };
    }
}
