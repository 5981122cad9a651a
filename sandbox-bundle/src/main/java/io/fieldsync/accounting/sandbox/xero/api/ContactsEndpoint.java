package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.http.QueryString;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.ContactJson;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code GET/PUT/POST /Contacts}, {@code GET/POST /Contacts/{ContactID or ContactNumber}}. GET takes IDs,
 * includeArchived, searchTerm (case-insensitive over Name, FirstName, LastName, ContactNumber, EmailAddress),
 * where (e.g. {@code EmailAddress=="a@b.com"}), order, If-Modified-Since, page/pageSize and summaryOnly;
 * results are ordered by Name. Archived contacts come only with includeArchived=true, IDs or not. Without
 * {@code page} only the first 100 come (see {@link Listing#pageByDefault}).
 */
final class ContactsEndpoint extends CollectionEndpoint {

    @Override
    ApiResponse create(ApiRequest request) {
        return write(request, null, false);
    }

    @Override
    ApiResponse upsert(ApiRequest request) {
        return write(request, null, true);
    }

    @Override
    ApiResponse postOne(ApiRequest request, String id) {
        return writeOne(request, id);
    }

    @Override
    ApiResponse one(ApiRequest request, String idOrNumber) {
        Optional<Contact> contact = find(request.org(), idOrNumber);
        if (contact.isEmpty()) {
            return XeroErrors.notFound();
        }
        return ApiResponse.json(200, request.envelope("Contacts", SandboxJson.array().add(ContactJson.full(contact.get()))));
    }

    @Override
    ApiResponse list(ApiRequest request) {
        QueryString q = request.query();
        Set<String> ids = q.list("IDs").stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        // OpenAPI GET /Contacts: archived contacts only with includeArchived=true; nothing says IDs brings them
        boolean includeArchived = q.flag("includeArchived");
        String search = q.first("searchTerm").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        List<Contact> contacts = request.org().contacts().stream()
                .filter(c -> includeArchived || c.active())
                .filter(c -> ids.isEmpty() || ids.contains(c.id().toString()))
                .filter(c -> search == null || matches(c, search))
                .sorted(Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT)))
                .toList();
        contacts = Listing.modifiedSince(request, contacts, Contact::updated);
        boolean summary = q.flag("summaryOnly");
        List<ObjectNode> rendered = contacts.stream().map(c -> summary ? summary(c) : ContactJson.full(c)).toList();
        return ApiResponse.json(200, Listing.pageByDefault(request, "Contacts", Listing.whereAndOrder(request, rendered)));
    }

    private ApiResponse write(ApiRequest request, Contact target, boolean upsert) {
        ContactWriter writer = new ContactWriter(request);
        List<JsonNode> elements = request.elements("Contacts");
        return BatchWrite.run(request, "Contacts", elements, "HasValidationErrors",
                (e, ctx) -> writer.prepare(e, ctx, target, upsert));
    }

    private ApiResponse writeOne(ApiRequest request, String idOrNumber) {
        Optional<Contact> target = find(request.org(), idOrNumber);
        return target.isEmpty() ? XeroErrors.notFound() : write(request, target.get(), true);
    }

    private static Optional<Contact> find(Organisation org, String idOrNumber) {
        return Fields.parseUuid(idOrNumber).flatMap(org::contact).or(() -> org.contactByNumber(idOrNumber));
    }

    private static boolean matches(Contact c, String needle) {
        return Stream.of(c.name(), c.firstName(), c.lastName(), c.contactNumber(), c.emailAddress())
                .anyMatch(f -> f != null && f.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static ObjectNode summary(Contact c) {
        ObjectNode n = ContactJson.full(c);
        n.remove("Addresses");
        n.remove("Phones");
        n.remove("ContactPersons");
        return n;
    }
}
