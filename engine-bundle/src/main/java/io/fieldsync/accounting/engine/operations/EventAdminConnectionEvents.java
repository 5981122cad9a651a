package io.fieldsync.accounting.engine.operations;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.SyncError;

/**
 * Connection alerts as OSGi events, for operators who watch Karaf's EventAdmin (Karaf boots with it): topic
 * {@value #EXPIRED} or {@value #RESTORED}, with {@code company}, {@code provider}, {@code reason} (the error code),
 * {@code message}, {@code detail} (the vendor's words: no tokens are ever in them) and {@code timestamp}. Posted, not
 * sent: a slow handler never holds up the dispatcher. EventAdmin is optional (its reference, its package import), so the
 * engine resolves and runs without it; Karaf boots with one, and one arriving later is used from then on.
 */
@Component(service = ConnectionEvents.class)
public class EventAdminConnectionEvents implements ConnectionEvents {

    public static final String TOPIC_PREFIX = "io/fieldsync/accounting/connection/";
    public static final String EXPIRED = TOPIC_PREFIX + "EXPIRED";
    public static final String RESTORED = TOPIC_PREFIX + "RESTORED";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    public EventAdminConnectionEvents() {
    }

    EventAdminConnectionEvents(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void expired(CompanyId company, String provider, SyncError reason, Instant at) {
        Map<String, Object> properties = properties(company, provider, at);
        properties.put("reason", reason.code().name());
        properties.put("message", reason.message());
        if (reason.detail() != null) {
            properties.put("detail", reason.detail());
        }
        post(new Event(EXPIRED, properties));
    }

    @Override
    public void restored(CompanyId company, String provider, Instant at) {
        post(new Event(RESTORED, properties(company, provider, at)));
    }

    private void post(Event event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(event);
        }
    }

    private static Map<String, Object> properties(CompanyId company, String provider, Instant at) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("company", company.value());
        properties.put("provider", provider);
        properties.put(EventConstants.TIMESTAMP, at.toEpochMilli());
        return properties;
    }
}
