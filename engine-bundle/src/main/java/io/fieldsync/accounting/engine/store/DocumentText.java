package io.fieldsync.accounting.engine.store;

import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a document shows a text where the admin sees it: its host id, its number and its invoice's host id as the
 * host sent them, the number the accounting system gave it, its customer's name and its failure message; ignoring case.
 */
final class DocumentText {

    private final String wanted;
    private final Json json = new Json();

    DocumentText(String text) {
        this.wanted = text.toLowerCase(Locale.ROOT);
    }

    boolean matches(JournalEntry entry) {
        JsonNode snapshot = json.read(entry.snapshot(), JsonNode.class);
        return Stream.of(entry.document().hostId(), entry.remoteNumber(), entry.error() == null ? null : entry.error().message(),
                        text(snapshot.path("number")), text(snapshot.path("invoiceHostId")),
                        text(snapshot.path("customer").path("name")))
                .anyMatch(field -> field != null && field.toLowerCase(Locale.ROOT).contains(wanted));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
