package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.quickbooks.wire.QboAccount;
import io.fieldsync.accounting.quickbooks.wire.QboItem;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * The item each line names. QBO sales lines carry no account: the income account comes from the line's item
 * (api-facts §3.2). A line the engine booked to an item uses it; otherwise its category gets a Service item of its
 * own name booked to the line's revenue account, found or created once and remembered per realm. When an item of that name books to another account, the item is named after the category and the
 * account ("Labour (4100)") so two mappings never share an item.
 * <p>
 * A creation whose answer was lost, or that QBO refused because the name exists (6240: another node, or an earlier
 * attempt, made it), is settled by looking the items up by name in the same push: the invoices go out with the items
 * found, and wait (UNKNOWN, not FAILED) for the next attempt when an item is still not there. Never created twice.
 */
final class QboItems {

    /** QBO item names may not contain a colon (it separates sub-items); the Name is at most 100 characters. */
    private static final int MAX_NAME = 100;
    private static final Set<String> SALES_TYPES = Set.of("Service", "NonInventory", "Inventory");
    /** Values per {@code in (...)} condition, as for customers. */
    private static final int NAMES_PER_QUERY = 50;
    private static final Logger LOG = LoggerFactory.getLogger(QboItems.class);

    private final QboBatch batch;
    private final QboLists lists;
    /** realm → (category, income account id) → item id. */
    private final Map<String, Map<String, String>> known = new ConcurrentHashMap<>();

    QboItems(QboBatch batch, QboLists lists) {
        this.batch = batch;
        this.lists = lists;
    }

    /**
     * The item id for each booking, or why there is none. Items to create are created in one batch call.
     *
     * @param bookings what the lines of a push book to
     */
    Map<Booking, Resolution> resolve(ProviderSession session, QboLists.Lists current, Set<Booking> bookings) {
        Map<Booking, Resolution> resolved = new HashMap<>();
        Map<Booking, Wanted> toCreate = new LinkedHashMap<>();
        Map<String, String> realmItems = known.computeIfAbsent(session.tenantId(), realm -> new ConcurrentHashMap<>());
        for (Booking booking : bookings) {
            String category = booking.category();
            if (booking.item() != null) {
                resolved.put(booking, mappedItem(current, category, booking.item()));
                continue;
            }
            // the engine checked the account against the reference data it last read; QBO's lists may be newer
            Optional<QboAccount> account = current.account(booking.revenueAccount()).filter(found -> !Boolean.FALSE.equals(found.active()));
            if (account.isEmpty()) {
                resolved.put(booking, Resolution.refused(SyncError.of(ErrorCode.MAPPING_MISSING,
                        "Revenue account " + booking.revenueAccount() + " of category " + category + " (not an active QuickBooks account)")));
                continue;
            }
            String cacheKey = category + '\u001f' + account.get().id();
            String cached = realmItems.get(cacheKey);
            if (cached != null) {
                resolved.put(booking, Resolution.item(cached));
                continue;
            }
            Wanted wanted = new Wanted(category, account.get(), cacheKey);
            Optional<QboItem> existing = existing(current, wanted);
            if (existing.isPresent()) {
                realmItems.put(cacheKey, existing.get().id());
                resolved.put(booking, Resolution.item(existing.get().id()));
            } else {
                toCreate.put(booking, wanted);
            }
        }
        if (!toCreate.isEmpty()) {
            resolved.putAll(create(session, current, toCreate, realmItems));
        }
        return resolved;
    }

    /** Forgets the realm's remembered items (QBO refused one as missing or inactive). */
    void forget(ProviderSession session) {
        known.remove(session.tenantId());
    }

    /**
     * What a line books to, as far as its item goes: lines of one category booked alike share one item.
     *
     * @param category the host category
     * @param revenueAccount the revenue account the engine booked the line to
     * @param item the item the engine booked the line to, or null
     */
    record Booking(String category, String revenueAccount, String item) {

        static Booking of(BookedLine line) {
            return new Booking(line.line().category(), line.revenueAccount(), line.item());
        }
    }

    /**
     * The item for a booking, the error that names the mapping to fix, or why the item is not known yet.
     *
     * @param itemId the item id, or null
     * @param error why there is none, or null
     * @param pending why its creation's outcome is unknown (answer lost, and a lookup by name did not find it), or null
     */
    record Resolution(String itemId, SyncError error, String pending) {

        static Resolution item(String id) {
            return new Resolution(id, null, null);
        }

        static Resolution refused(SyncError error) {
            return new Resolution(null, error, null);
        }

        static Resolution pending(String why) {
            return new Resolution(null, null, why);
        }
    }

    private record Wanted(String category, QboAccount account, String cacheKey) {

        String plainName() {
            String name = category.replace(':', '-').strip();
            return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        }

        String accountName() {
            String suffix = " (" + (account.acctNum() != null && !account.acctNum().isBlank() ? account.acctNum() : account.name()) + ")";
            String base = plainName();
            return (base.length() + suffix.length() > MAX_NAME ? base.substring(0, MAX_NAME - suffix.length()) : base) + suffix;
        }
    }

    private static Resolution mappedItem(QboLists.Lists current, String category, String key) {
        Optional<QboItem> item = current.items().stream()
                .filter(candidate -> key.equals(candidate.id()) || key.equals(candidate.sku()) || key.equalsIgnoreCase(candidate.name()))
                .findFirst();
        if (item.isPresent() && !Boolean.FALSE.equals(item.get().active())) {
            return Resolution.item(item.get().id());
        }
        if (item.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            // an id beyond the first 1,000 items read: QBO itself checks it (2500 if it is wrong)
            return Resolution.item(key);
        }
        return Resolution.refused(SyncError.of(ErrorCode.MAPPING_MISSING,
                "Category " + category + " (its QuickBooks item " + key + " is missing or inactive)"));
    }

    /** An active sales item with the plain name booked to the account, else one with the account-suffixed name. */
    private static Optional<QboItem> existing(QboLists.Lists current, Wanted wanted) {
        for (String name : List.of(wanted.plainName(), wanted.accountName())) {
            Optional<QboItem> found = current.items().stream()
                    .filter(item -> name.equalsIgnoreCase(item.name()) && !Boolean.FALSE.equals(item.active()))
                    .filter(item -> item.type() == null || SALES_TYPES.contains(item.type()))
                    .filter(item -> item.incomeAccountRef() != null && wanted.account().id().equals(item.incomeAccountRef().value()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Map<Booking, Resolution> create(ProviderSession session, QboLists.Lists current, Map<Booking, Wanted> wanted,
                                            Map<String, String> realmItems) {
        List<Booking> bookings = new ArrayList<>(wanted.keySet());
        List<Wanted> order = new ArrayList<>(wanted.values());
        List<String> names = new ArrayList<>();
        List<QboBatch.Item> items = new ArrayList<>();
        for (Wanted item : order) {
            boolean plainTaken = current.items().stream().anyMatch(other -> item.plainName().equalsIgnoreCase(other.name()));
            String name = plainTaken ? item.accountName() : item.plainName();
            names.add(name);
            QboItem body = new QboItem(null, null, name, null, "Service", new QboRef(item.account().id(), null), true);
            // the key names the realm, the item and its account: creating the same item again replays, never duplicates
            items.add(QboBatch.Item.create("Item", body, IdempotencyKey.derive("item", session.tenantId(), name, item.account().id()), null));
        }
        List<QboBatch.Answer> answers = batch.run(session, "item", items);
        // a lost answer is an unknown outcome and 6240 says the name exists: either way the item may be there already
        List<String> unsettled = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            QboBatch.Answer answer = answers.get(i);
            if (answer.unknown() != null || answer.fault() != null && answer.fault().has(QboFaults.DUPLICATE_NAME)) {
                unsettled.add(names.get(i));
            }
        }
        Lookup found = unsettled.isEmpty() ? Lookup.NONE : lookUp(session, unsettled);
        Map<Booking, Resolution> resolved = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Wanted item = order.get(i);
            QboBatch.Answer answer = answers.get(i);
            QboItem created = answer.ok() ? QuickBooksApi.read(answer.node(), QboItem.class) : found.named(names.get(i), item.account()).orElse(null);
            if (created != null) {
                realmItems.put(item.cacheKey(), created.id());
                lists.itemCreated(session, created);
                resolved.put(bookings.get(i), Resolution.item(created.id()));
            } else if (answer.unknown() != null || found.lost() != null && answer.fault().has(QboFaults.DUPLICATE_NAME)) {
                // not found (or the lookup's own answer was lost): the next attempt looks again, then creates it
                LOG.info("QuickBooks realm {}: item '{}' not known after a lost answer ({}); its documents wait for the next attempt",
                        session.tenantId(), names.get(i), found.lost() != null ? found.lost() : answer.unknown());
                resolved.put(bookings.get(i), Resolution.pending(answer.unknown() != null ? answer.unknown() : found.lost()));
            } else {
                // an inactive item, an item of another account or another list entry holds the name: say which mapping settles it
                lists.forget(session);
                resolved.put(bookings.get(i), Resolution.refused(new SyncError(ErrorCode.MAPPING_MISSING, "Category " + item.category()
                        + " needs a QuickBooks item: map the category to an item in Settings → Accounting → Mappings, then retry.",
                        answer.fault().words())));
            }
        }
        return resolved;
    }

    /** The active items of these names: {@code Name} is filterable on Item (sandbox RULES.md, FilterableProperties). */
    private Lookup lookUp(ProviderSession session, List<String> names) {
        List<QboBatch.Item> queries = new ArrayList<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_QUERY) {
            queries.add(QboBatch.Item.query("select * from Item where Name in " + QuickBooksApi.in(names.subList(from,
                    Math.min(names.size(), from + NAMES_PER_QUERY)))));
        }
        List<QboItem> items = new ArrayList<>();
        for (QboBatch.Answer answer : batch.run(session, "query", queries)) {
            if (!answer.ok()) {
                // an empty answer here is not "absent": the items stay unknown rather than be created a second time
                return new Lookup(List.of(), answer.unknown() != null ? "item lookup: " + answer.unknown() : "item lookup refused: "
                        + answer.fault().words());
            }
            items.addAll(QuickBooksApi.entities(answer.node(), "Item", QboItem.class));
        }
        return new Lookup(items, null);
    }

    /**
     * The items a lookup by name found.
     *
     * @param items what QBO answered
     * @param lost why the lookup itself has no answer, or null
     */
    private record Lookup(List<QboItem> items, String lost) {

        static final Lookup NONE = new Lookup(List.of(), null);

        /** The active sales item of that name booked to the account: what our creation would have made. */
        Optional<QboItem> named(String name, QboAccount account) {
            return items.stream()
                    .filter(item -> name.equalsIgnoreCase(item.name()) && !Boolean.FALSE.equals(item.active()))
                    .filter(item -> item.type() == null || SALES_TYPES.contains(item.type()))
                    .filter(item -> item.incomeAccountRef() != null && account.id().equals(item.incomeAccountRef().value()))
                    .findFirst();
        }
    }
}
