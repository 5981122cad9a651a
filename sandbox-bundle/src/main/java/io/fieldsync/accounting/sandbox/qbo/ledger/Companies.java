package io.fieldsync.accounting.sandbox.qbo.ledger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The companies a sandbox hosts, by realm id. Realm ids look like QBO's: 16 digits starting 9341. */
public final class Companies {

    private final Clock clock;
    private final ChangeListener listener;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Company> byRealm = new ConcurrentHashMap<>();
    private final List<Company> inOrder = new CopyOnWriteArrayList<>();

    public Companies(Clock clock, ChangeListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * A new, empty company; the caller seeds it (see {@code DemoCompany}, {@code UsDemoCompany}).
     *
     * @param country ISO 3166 alpha-2; "US" makes it a US sales-tax company ({@link Company#usesUsSalesTax()})
     */
    public synchronized Company create(String name, ZoneId zone, String currency, String country) {
        String realmId;
        do {
            realmId = "9341" + String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L));
        } while (byRealm.containsKey(realmId));
        Company company = new Company(realmId, name, zone, currency, country, clock, listener);
        byRealm.put(realmId, company);
        inOrder.add(company);
        return company;
    }

    public Optional<Company> get(String realmId) {
        return realmId == null ? Optional.empty() : Optional.ofNullable(byRealm.get(realmId));
    }

    /** Oldest first. */
    public List<Company> all() {
        return new ArrayList<>(inOrder);
    }
}
