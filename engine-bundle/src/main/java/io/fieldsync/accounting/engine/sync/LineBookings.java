package io.fieldsync.accounting.engine.sync;

import java.util.List;
import java.util.Optional;

import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.spi.BookedLine;

/**
 * The company's mappings applied to a document's lines, once, in the engine: each line gets the revenue account, the
 * tax rates and the item it books to, so that a provider only spells them in its vendor's words. A document with a
 * gap is not booked at all; its gaps are those {@link MappingCheck} names, worded the same way.
 *
 * <p>Where the reference data knows what a mapping points at, the line carries the key the accounting system's
 * documents name it by: an account mapped by its id goes out by its code when it has one (Xero's line items name the
 * account by {@code AccountCode}), an item mapped by its id by its code (Xero's {@code ItemCode}; QuickBooks finds an
 * item by id or SKU alike). Without reference data the mapped keys go out as the admin wrote them.
 */
public final class LineBookings {

    /**
     * A document's lines booked, or why they cannot be.
     *
     * @param lines the booked lines, in the document's order; empty when there is a problem
     * @param problem every gap as one document error, or empty
     */
    public record Booking(List<BookedLine> lines, Optional<SyncError> problem) {

        /** Copies the list. */
        public Booking {
            lines = List.copyOf(lines);
        }
    }

    private final Mappings mappings;
    private final Optional<ReferenceData> reference;
    private final MappingCheck check;

    /**
     * @param system the accounting system's name, for messages
     */
    public LineBookings(Mappings mappings, Optional<ReferenceData> reference, String system) {
        this.mappings = mappings;
        this.reference = reference;
        this.check = new MappingCheck(mappings, reference, system);
    }

    /** The check these bookings apply, for what is not a line (a payment's deposit account). */
    public MappingCheck check() {
        return check;
    }

    /** Books every line of one document, or names every gap. */
    public Booking book(List<InvoiceLine> lines) {
        Optional<SyncError> problem = MappingCheck.asError(check.gaps(lines));
        if (problem.isPresent()) {
            return new Booking(List.of(), problem);
        }
        return new Booking(lines.stream().map(this::book).toList(), Optional.empty());
    }

    private BookedLine book(InvoiceLine line) {
        // the check above found every mapping these lines need
        String account = mappings.revenueAccountFor(line.category()).orElseThrow();
        List<String> taxRates = line.taxRateIds().stream().map(rate -> mappings.taxRateFor(rate).orElseThrow()).toList();
        String item = mappings.itemFor(line.category()).orElse(null);
        return new BookedLine(line, remoteAccount(account), taxRates, item == null ? null : remoteItem(item));
    }

    private String remoteAccount(String key) {
        return reference.flatMap(data -> data.account(key)).map(RemoteAccount::key).orElse(key);
    }

    private String remoteItem(String key) {
        return reference.flatMap(data -> data.item(key))
                .map(item -> item.code() != null && !item.code().isBlank() ? item.code() : item.id())
                .orElse(key);
    }
}
