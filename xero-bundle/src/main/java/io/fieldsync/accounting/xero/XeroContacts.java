package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.xero.wire.XeroContact;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroPagination;
import io.fieldsync.accounting.xero.wire.XeroValidationError;


/**
 * Customers become Xero contacts: matched by email, then by exact name (trimmed, case-insensitive),
 * else created in one batch. Xero refuses a second active contact with the same name; that refusal
 * is answered by matching the existing contact, not by failing.
 */
final class XeroContacts {

    private static final int PAGE_SIZE = 100;
    /** The largest page Xero serves (api-facts §3.1, secondary); see {@link #wholeList}. */
    private static final int WHOLE_LIST_PAGE_SIZE = 1000;
    private static final int IDS_PER_CALL = 20;
    private static final int MAX_URL_LENGTH = 2048;
    private static final String XERO_CONTACTS_URL = "https://api.xero.com/api.xro/2.0/Contacts?";

    private final XeroApi api;
    /** Tenants whose contacts fill Xero's first page: their whole list is not worth a call. */
    private final Set<String> bigOrganisations = ConcurrentHashMap.newKeySet();

    XeroContacts(XeroApi api) {
        this.api = api;
    }

    List<PushOutcome> push(ProviderSession session, List<CustomerPush> batch) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CustomerPush> unlinked = new ArrayList<>();
        for (CustomerPush push : batch) {
            if (push.linkedRemoteId() != null) {
                outcomes.add(update(session, push));
            } else {
                unlinked.add(push);
            }
        }
        Lookup lookup = matchAll(session, unlinked);
        List<CustomerPush> toCreate = new ArrayList<>();
        for (CustomerPush push : unlinked) {
            XeroContact match = lookup.matches().get(push.customer().hostId());
            SyncError failure = lookup.failures().get(push.customer().hostId());
            if (match != null) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), match.contactID(), null,
                        "matched existing Xero contact " + match.name()));
            } else if (failure != null) {
                // never created blind: the contact may exist under a name Xero would not let us look up
                outcomes.add(PushOutcome.failed(push.document(), failure));
            } else {
                toCreate.add(push);
            }
        }
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate));
        }
        return outcomes;
    }

    /** What the lookups found, by host customer id, and the customers whose lookup Xero refused. */
    private record Lookup(Map<String, XeroContact> matches, Map<String, SyncError> failures) {
    }

    /**
     * Host customer id → the active contact with its email, else with its exact name. As few calls as Xero's URL
     * allows: one {@code where} asks for the emails and the names of as many customers as fit in a URL Xero
     * accepts, because Xero's 60 calls a minute would not survive a search per customer. Xero's {@code where} has
     * no escape for a quote inside a literal (both {@code \\"} and a bare quote are a QueryParseException "Syntax
     * error", XeroAPI/Xero-Java issue #347), so a name with a quote is searched with {@code searchTerm} and
     * compared here. A chunk Xero refuses is split until the customer it is about fails alone, and then that
     * customer's email and name are asked for apart, to tell which of the two Xero refuses.
     */
    private Lookup matchAll(ProviderSession session, List<CustomerPush> pushes) {
        Map<String, XeroContact> byEmail = new HashMap<>();
        Map<String, XeroContact> byName = new HashMap<>();
        Map<String, SyncError> emailFailures = new HashMap<>();
        Map<String, SyncError> nameFailures = new HashMap<>();
        List<List<Clause>> perCustomer = pushes.stream().map(XeroContacts::clauses).filter(clauses -> !clauses.isEmpty())
                .distinct().toList();
        List<List<List<Clause>>> chunks = packed(perCustomer);
        Optional<List<XeroContact>> wholeList = chunks.size() > 1 ? wholeList(session) : Optional.empty();
        List<XeroContact> candidates = wholeList.orElseGet(() -> chunks.stream()
                .flatMap(chunk -> whereIsolated(session, chunk, emailFailures, nameFailures).stream()).toList());
        candidates.forEach(contact -> {
            if (!email(contact.emailAddress()).isEmpty()) {
                byEmail.putIfAbsent(email(contact.emailAddress()), contact);
            }
            byName.putIfAbsent(name(contact.name()), contact);
        });
        Map<String, XeroContact> matches = new HashMap<>();
        Map<String, SyncError> failures = new HashMap<>();
        pushes.forEach(push -> {
            XeroContact contact = hasEmail(push.customer()) ? byEmail.get(email(push.customer())) : null;
            if (contact != null) {
                matches.put(push.customer().hostId(), contact);
            }
        });
        List<CustomerPush> rest = pushes.stream().filter(push -> !matches.containsKey(push.customer().hostId())).toList();
        List<String> quotedNames = wholeList.isPresent() ? List.of()
                : rest.stream().map(push -> push.customer().name().strip()).distinct().filter(name -> !whereable(name)).toList();
        for (String quoted : quotedNames) {
            try {
                searchByName(session, quoted).ifPresent(contact -> byName.put(name(quoted), contact));
            } catch (AccountingException refused) {
                nameFailures.put(quoted, lookupRefused(quoted, refused));
            }
        }
        rest.forEach(push -> {
            String name = push.customer().name().strip();
            XeroContact contact = byName.get(name(name));
            if (contact != null) {
                matches.put(push.customer().hostId(), contact);
            } else if (nameFailures.containsKey(name)) {
                failures.put(push.customer().hostId(), nameFailures.get(name));
            } else if (hasEmail(push.customer()) && emailFailures.containsKey(email(push.customer()))) {
                failures.put(push.customer().hostId(), emailFailures.get(email(push.customer())));
            }
        });
        return new Lookup(matches, failures);
    }

    /**
     * The organisation's active contacts, when they all fit one page: one call instead of a batch's several lookups.
     * {@code GET /Contacts?page=1} answers "up to 100 contacts" (OpenAPI getContacts, parameter page) and takes a
     * {@code pageSize} ("Number of records to retrieve per page", the same operation; 1 to 1,000 per api-facts §3.1,
     * a secondary source), so a page of fewer than 100, or of more than 100 and fewer than asked for, is the whole
     * list whether or not Xero honours the size; exactly 100 may be Xero's own page and is taken for the whole only when
     * Xero's {@code pagination} says there is one page.
     * Archived contacts come only when asked for (includeArchived), as with the lookups. A page that may not be the
     * whole list means a bigger organisation: its lookups go by {@code where} from then on, and its list is not read
     * again for as long as this provider runs (an organisation rarely shrinks).
     */
    private Optional<List<XeroContact>> wholeList(ProviderSession session) {
        if (bigOrganisations.contains(session.tenantId())) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", "1");
        query.put("pageSize", Integer.toString(WHOLE_LIST_PAGE_SIZE));
        XeroEnvelope answer = api.get(session, "/Contacts", query);
        List<XeroContact> firstPage = answer.contactList();
        if (!wholeList(answer.pagination(), firstPage.size())) {
            bigOrganisations.add(session.tenantId());
            return Optional.empty();
        }
        return Optional.of(firstPage.stream().filter(contact -> !"ARCHIVED".equals(contact.contactStatus())).toList());
    }

    /**
     * Whether a first page is the organisation's whole list: Xero's {@code pagination} says so (pageCount 1: OpenAPI
     * Contacts.pagination, schema Pagination), which settles an organisation of exactly 100 contacts in one call; an
     * answer without it is judged by its size as above.
     */
    private static boolean wholeList(XeroPagination pagination, int size) {
        if (pagination != null && pagination.pageCount() != null) {
            return pagination.pageCount() <= 1;
        }
        return size != PAGE_SIZE && size < WHOLE_LIST_PAGE_SIZE;
    }

    /** One comparison of a {@code where}: {@code field=="value"}. */
    private record Clause(String field, String value) {
        String text() {
            return field + "==\"" + value + "\"";
        }
    }

    /** What a customer is looked up by: its email and its name, those that a {@code where} literal can carry. */
    private static List<Clause> clauses(CustomerPush push) {
        List<Clause> clauses = new ArrayList<>();
        if (hasEmail(push.customer()) && whereable(push.customer().email())) {
            clauses.add(new Clause("EmailAddress", email(push.customer())));
        }
        String name = push.customer().name().strip();
        if (whereable(name)) {
            clauses.add(new Clause("Name", name));
        }
        return clauses;
    }

    private static boolean hasEmail(Customer customer) {
        return !email(customer.email()).isEmpty();
    }

    /** One {@code where} for the chunk; if Xero refuses it, halves, down to the customer it is about. */
    private List<XeroContact> whereIsolated(ProviderSession session, List<List<Clause>> customers, Map<String, SyncError> emailFailures,
                                            Map<String, SyncError> nameFailures) {
        try {
            return where(session, customers.stream().flatMap(List::stream).toList());
        } catch (AccountingException refused) {
            if (refused.error().code() != ErrorCode.VALIDATION_FAILED) {
                throw refused;
            }
            if (customers.size() == 1) {
                return eachApart(session, customers.get(0), emailFailures, nameFailures);
            }
            int half = customers.size() / 2;
            List<XeroContact> found = new ArrayList<>(whereIsolated(session, customers.subList(0, half), emailFailures, nameFailures));
            found.addAll(whereIsolated(session, customers.subList(half, customers.size()), emailFailures, nameFailures));
            return found;
        }
    }

    /** A customer whose lookup Xero refused: its email and its name asked for apart, the refused one remembered. */
    private List<XeroContact> eachApart(ProviderSession session, List<Clause> clauses, Map<String, SyncError> emailFailures,
                                        Map<String, SyncError> nameFailures) {
        List<XeroContact> found = new ArrayList<>();
        for (Clause clause : clauses) {
            try {
                found.addAll(where(session, List.of(clause)));
            } catch (AccountingException refused) {
                if (refused.error().code() != ErrorCode.VALIDATION_FAILED) {
                    throw refused;
                }
                (clause.field().equals("Name") ? nameFailures : emailFailures).put(clause.value(), lookupRefused(clause.value(), refused));
            }
        }
        return found;
    }

    /** Active contacts matching any of the clauses, every page: a shared email can match more than a page. */
    private List<XeroContact> where(ProviderSession session, List<Clause> clauses) {
        return api.everyPage(session, "/Contacts", Map.of("where", filter(clauses)), XeroEnvelope::contactList).stream()
                .filter(contact -> !"ARCHIVED".equals(contact.contactStatus()))
                .toList();
    }

    private static String filter(List<Clause> clauses) {
        return String.join(" OR ", clauses.stream().map(Clause::text).toList());
    }

    /**
     * Customers packed into as few lookups as fit a URL Xero accepts: Xero answers 404 to a URL longer than about
     * 2,091 characters (XeroAPI/Xero-NetStandard issue #471; xero-node issue #404, 52 contact ids pass and 53 fail;
     * Xero's MJMortimer in XeroAPI/Xero-Net issue #280: "around 2048 characters"), so each lookup's whole URL, as
     * sent to api.xero.com with its page, stays within 2,048.
     */
    private static List<List<List<Clause>>> packed(List<List<Clause>> customers) {
        List<List<List<Clause>>> chunks = new ArrayList<>();
        List<List<Clause>> chunk = new ArrayList<>();
        for (List<Clause> customer : customers) {
            chunk.add(customer);
            if (chunk.size() > 1 && lookupUrlLength(chunk) > MAX_URL_LENGTH) {
                chunk.remove(chunk.size() - 1);
                chunks.add(chunk);
                chunk = new ArrayList<>(List.of(customer));
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static int lookupUrlLength(List<List<Clause>> customers) {
        return XERO_CONTACTS_URL.length() + XeroAuthorization.form(Map.of("where",
                filter(customers.stream().flatMap(List::stream).toList()), "page", "10")).length();
    }

    /**
     * The active contact named exactly {@code name} (trimmed, without case), found with {@code searchTerm} ("a
     * case-insensitive text search across the Name, FirstName, LastName, ContactNumber and EmailAddress fields",
     * OpenAPI GET /Contacts) for the longest run of the name without a quote, every page read, the exact name
     * compared here. [U] How Xero's search treats a quote is not documented, so none is sent.
     */
    private Optional<XeroContact> searchByName(ProviderSession session, String name) {
        String term = Arrays.stream(name.split("\"")).map(String::strip).max(Comparator.comparingInt(String::length)).orElse("");
        if (term.isEmpty()) {
            throw new AccountingException(new SyncError(ErrorCode.CUSTOMER_INVALID, "Customer '" + name + "' cannot be looked up in Xero: "
                    + "its name is only quotes. Give the customer a name with letters or digits.", null));
        }
        for (int page = 1; ; page++) {
            List<XeroContact> contacts = api.get(session, "/Contacts", Map.of("searchTerm", term, "page", Integer.toString(page))).contactList();
            Optional<XeroContact> exact = contacts.stream()
                    .filter(contact -> !"ARCHIVED".equals(contact.contactStatus()) && name(contact.name()).equals(name(name)))
                    .findFirst();
            if (exact.isPresent() || contacts.size() < PAGE_SIZE) {
                return exact;
            }
        }
    }

    /** A value Xero's {@code where} can carry inside "…": anything without a quote (a backslash is a plain character there). */
    private static boolean whereable(String value) {
        return value.indexOf('"') < 0;
    }

    private static SyncError lookupRefused(String value, AccountingException refused) {
        if (refused.error().code() == ErrorCode.CUSTOMER_INVALID) {
            return refused.error();
        }
        return new SyncError(ErrorCode.CUSTOMER_INVALID, "Xero refused to look up the contact '" + value + "'. "
                + ErrorCode.CUSTOMER_INVALID.action(), refused.error().detail());
    }

    private static String email(Customer customer) {
        return email(customer.email());
    }

    private static String email(String email) {
        return strip(email).toLowerCase(Locale.ROOT);
    }

    private static String name(String name) {
        return strip(name).toLowerCase(Locale.ROOT);
    }

    /** Keeps each query string well below URL length limits. */
    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IDS_PER_CALL) {
            chunks.add(values.subList(from, Math.min(values.size(), from + IDS_PER_CALL)));
        }
        return chunks;
    }

    ContactPage page(ProviderSession session, int page) {
        XeroEnvelope contacts = api.get(session, "/Contacts", Map.of("page", Integer.toString(page), "pageSize",
                Integer.toString(PAGE_SIZE)));
        List<RemoteContact> found = contacts.contactList().stream().map(XeroContacts::remote).toList();
        return new ContactPage(found, found.size() == PAGE_SIZE);
    }

    /**
     * Contacts by id: {@code GET /Contacts?IDs=...&includeArchived=true} (Xero leaves archived contacts out unless
     * asked, OpenAPI GET /Contacts), a URL-safe number of ids per call, so never more than a page.
     */
    List<RemoteContact> byId(ProviderSession session, List<String> remoteIds) {
        List<RemoteContact> found = new ArrayList<>();
        for (List<String> chunk : chunks(remoteIds)) {
            api.get(session, "/Contacts", Map.of("IDs", String.join(",", chunk), "includeArchived", "true")).contactList().stream()
                    .map(XeroContacts::remote).forEach(found::add);
        }
        return found;
    }

    private static RemoteContact remote(XeroContact contact) {
        return new RemoteContact(contact.contactID(), contact.name(), contact.emailAddress(), !"ARCHIVED".equals(contact.contactStatus()));
    }

    private List<PushOutcome> create(ProviderSession session, List<CustomerPush> pushes) {
        List<XeroContact> contacts = pushes.stream().map(push -> XeroMapper.contact(push.customer(), null)).toList();
        IdempotencyKey key = XeroApi.batchKey(pushes.stream().map(CustomerPush::key).toList());
        XeroReply reply = api.write(session, "PUT", "/Contacts", XeroEnvelope.ofContacts(contacts), key,
                pushes.size() == 1 ? pushes.get(0).document() : null);
        List<XeroContact> answered = api.written(reply, "/Contacts", "Contacts").contactList();
        List<PushOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            CustomerPush push = pushes.get(i);
            XeroContact element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this contact"));
            } else if (element.errors().isEmpty() && element.contactID() != null) {
                outcomes.add(PushOutcome.synced(push.document(), element.contactID(), null));
            } else if (duplicateName(element)) {
                // created meanwhile, or archived-name clash: the contact that holds the name is the customer
                outcomes.add(Optional.ofNullable(matchAll(session, List.of(push)).matches().get(push.customer().hostId()))
                        .map(match -> PushOutcome.alreadyPresent(push.document(), match.contactID(), null,
                                "matched existing Xero contact " + match.name()))
                        .orElseGet(() -> PushOutcome.failed(push.document(), invalid(push.customer(), element))));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), invalid(push.customer(), element)));
            }
        }
        return outcomes;
    }

    private PushOutcome update(ProviderSession session, CustomerPush push) {
        XeroReply reply = api.write(session, "POST", "/Contacts",
                XeroEnvelope.ofContacts(List.of(XeroMapper.contact(push.customer(), push.linkedRemoteId()))), push.key(), push.document());
        List<XeroContact> answered = api.written(reply, "/Contacts", "Contacts").contactList();
        if (!answered.isEmpty() && answered.get(0).errors().isEmpty()) {
            return PushOutcome.synced(push.document(), push.linkedRemoteId(), null);
        }
        // the link stays good even when Xero refuses the new details (e.g. a name another contact holds)
        return PushOutcome.alreadyPresent(push.document(), push.linkedRemoteId(), null, "contact details not updated: "
                + (answered.isEmpty() ? "no answer" : messages(answered.get(0))));
    }

    private static boolean duplicateName(XeroContact element) {
        return element.errors().stream().anyMatch(error -> error.message() != null
                && error.message().toLowerCase(Locale.ROOT).contains("already assigned to another contact"));
    }

    private static SyncError invalid(Customer customer, XeroContact element) {
        return new SyncError(ErrorCode.CUSTOMER_INVALID, "Customer '" + customer.name() + "' was refused by Xero. "
                + ErrorCode.CUSTOMER_INVALID.action(), messages(element));
    }

    private static String messages(XeroContact element) {
        return XeroValidationError.join(element.errors());
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
