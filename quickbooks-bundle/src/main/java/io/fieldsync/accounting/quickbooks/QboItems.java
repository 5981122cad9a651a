package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 */
final class QboItems {

    /** QBO item names may not contain a colon (it separates sub-items); the Name is at most 100 characters. */
    private static final int MAX_NAME = 100;
    private static final Set<String> SALES_TYPES = Set.of("Service", "NonInventory", "Inventory");

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
     * The item for a booking, or the error that names the mapping to fix.
     *
     * @param itemId the item id, or null
     * @param error why there is none, or null
     */
    record Resolution(String itemId, SyncError error) {

        static Resolution item(String id) {
            return new Resolution(id, null);
        }

        static Resolution refused(SyncError error) {
            return new Resolution(null, error);
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
        List<QboBatch.Item> items = new ArrayList<>();
        for (Wanted item : order) {
            boolean plainTaken = current.items().stream().anyMatch(other -> item.plainName().equalsIgnoreCase(other.name()));
            String name = plainTaken ? item.accountName() : item.plainName();
            QboItem body = new QboItem(null, null, name, null, "Service", new QboRef(item.account().id(), null), true);
            // the key names the realm, the item and its account: creating the same item again replays, never duplicates
            items.add(QboBatch.Item.create("Item", body, IdempotencyKey.derive("item", session.tenantId(), name, item.account().id()), null));
        }
        List<QboBatch.Answer> answers = batch.run(session, "item", items);
        Map<Booking, Resolution> resolved = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Wanted item = order.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (answer.ok()) {
                QboItem created = QuickBooksApi.read(answer.node(), QboItem.class);
                realmItems.put(item.cacheKey(), created.id());
                lists.itemCreated(session, created);
                resolved.put(bookings.get(i), Resolution.item(created.id()));
            } else {
                SyncError why = answer.fault() != null ? QboFaults.forDocument(answer.fault(), "the item for category " + item.category())
                        : new SyncError(ErrorCode.PROVIDER_UNAVAILABLE, "The QuickBooks item for category " + item.category()
                        + " could not be created yet; the document is retried.", answer.unknown());
                if (answer.fault() != null) {
                    // an inactive item or another list entry holds the name: say which mapping settles it
                    why = new SyncError(ErrorCode.MAPPING_MISSING, "Category " + item.category() + " needs a QuickBooks item: map the "
                            + "category to an item in Settings → Accounting → Mappings, then retry.", answer.fault().words());
                    lists.forget(session);
                }
                resolved.put(bookings.get(i), Resolution.refused(why));
            }
        }
        return resolved;
    }
}
