package io.fieldsync.accounting.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.admin.CompanyProvider;
import io.fieldsync.accounting.api.spi.AccountingProvider;
import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.AccountingSync;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentQuery;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.SyncLogEntry;
import io.fieldsync.accounting.api.SyncLogQuery;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.api.admin.AccountingConnections;
import io.fieldsync.accounting.api.admin.AccountingDocuments;
import io.fieldsync.accounting.api.admin.AccountingProviders;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.AuthorizationStart;
import io.fieldsync.accounting.api.admin.DocumentSearch;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.MappingValidation;
import io.fieldsync.accounting.api.admin.SyncSettings;

/** The endpoints below /accounting/api, each a thin translation onto the public API services. */
final class AdminEndpoints {

    /** {@code PUT /companies/{company}/provider}: a provider id, or {@code useDefault} to follow the installation's default. */
    record ProviderChoice(String provider, Boolean useDefault) {
    }

    private final AccountingSync sync;
    private final AccountingSetup setup;
    private final AccountingDocuments documents;
    private final AccountingConnections connections;
    private final AccountingProviders providers;
    private final Supplier<List<AccountingProvider>> installed;
    private final CsrfTokens csrf;
    private final ImportJobs imports;
    private final com.fasterxml.jackson.databind.ObjectMapper json = AdminJson.mapper();
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    /** The session attribute holding the session's OAuth binding secret. */
    static final String SESSION_OAUTH_BINDING = "io.fieldsync.accounting.admin.oauth-binding";

    AdminEndpoints(AccountingSync sync, AccountingSetup setup, AccountingDocuments documents, AccountingConnections connections,
                   AccountingProviders providers, ImportJobs imports, Supplier<List<AccountingProvider>> installed, CsrfTokens csrf) {
        this.sync = sync;
        this.setup = setup;
        this.documents = documents;
        this.connections = connections;
        this.providers = providers;
        this.installed = installed;
        this.csrf = csrf;
        this.imports = imports;
    }

    ApiRoutes routes() {
        return new ApiRoutes()
                .add("GET", "/session", this::session)
                .add("GET", "/providers", call -> installed.get().stream().map(InstalledProvider::of).toList())
                .add("GET", "/companies", call -> providers.companies())
                .add("GET", "/companies/{company}/provider", call -> providers.provider(call.company()))
                .add("PUT", "/companies/{company}/provider", this::chooseProvider)
                .add("POST", "/companies/{company}/provider/rebind", call -> providers.rebind(call.company()))
                .add("GET", "/companies/{company}/connection", this::connection)
                .add("GET", "/companies/{company}/documents", this::documents)
                .add("POST", "/companies/{company}/documents/retry-failed",
                        call -> Map.of("retried", sync.retryAllFailed(call.company())))
                .add("POST", "/companies/{company}/documents/{kind}/{hostId}/retry", this::retryOne)
                .add("POST", "/companies/{company}/documents/{kind}/{hostId}/send-now", this::sendNow)
                .add("GET", "/companies/{company}/history", this::history)
                .add("POST", "/companies/{company}/history/invoices", this::registerHistory)
                .add("POST", "/companies/{company}/history/sync", this::syncHistory)
                .add("POST", "/companies/{company}/imports", this::startImport)
                .add("GET", "/companies/{company}/imports", call -> imports.of(call.company()).stream().map(job -> importView(job.snapshot())).toList())
                .add("GET", "/companies/{company}/imports/{job}", this::importJob)
                .add("POST", "/companies/{company}/import/customers", this::importCustomers)
                .add("POST", "/companies/{company}/import/customers/choices", this::applyContactChoices)
                .add("POST", "/companies/{company}/import/reference/choices", this::applyReferenceChoices)
                .add("GET", "/companies/{company}/mappings", call -> mappingsAnswer(call, setup.mappings(call.company())))
                .add("PUT", "/companies/{company}/mappings", this::saveMappings)
                .add("POST", "/companies/{company}/connection/connect", this::connect)
                .add("POST", "/companies/{company}/connection/disconnect", call -> connections.disconnect(call.company()))
                .add("PUT", "/companies/{company}/connection/organisation", this::chooseOrganisation)
                .add("GET", "/companies/{company}/reference-data", call -> setup.referenceData(call.company()))
                .add("POST", "/companies/{company}/reference-data/refresh", call -> setup.refreshReferenceData(call.company()))
                .add("GET", "/companies/{company}/sync-log", call -> syncLog(call).stream().map(SyncLogLine::of).toList())
                .add("GET", "/companies/{company}/sync-log.csv", this::syncLogCsv)
                .add("GET", "/companies/{company}/settings", call -> setup.settings(call.company()))
                .add("PUT", "/companies/{company}/settings", this::saveSettings);
    }

    private Object session(ApiCall call) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", call.user().name());
        answer.put("roles", call.user().roles().stream().sorted().toList());
        answer.put("csrfHeader", CsrfTokens.HEADER);
        answer.put("csrfToken", csrf.tokenOf(call.session()));
        return answer;
    }

    private Object chooseProvider(ApiCall call) throws Exception {
        CompanyId company = call.company();
        ProviderChoice choice = call.body(ProviderChoice.class, false);
        boolean useDefault = Boolean.TRUE.equals(choice.useDefault());
        if (useDefault == (choice.provider() != null)) {
            throw ApiProblem.badRequest("Give either 'provider' (e.g. \"xero\") or \"useDefault\": true, not both and not neither");
        }
        String by = "admin API (" + call.user().name() + ")";
        return useDefault ? providers.useDefault(company, by) : providers.choose(company, choice.provider(), by);
    }

    private Object connection(ApiCall call) {
        CompanyId company = call.company();
        Map<String, Object> answer = new LinkedHashMap<>();
        CompanyProvider provider = providers.provider(company);
        answer.put("provider", provider);
        java.util.Optional<AccountingProvider> installedProvider = installed.get().stream()
                .filter(candidate -> candidate.descriptor().id().equals(provider.provider())).findFirst();
        answer.put("nonVendorEndpoints", installedProvider.map(AccountingProvider::nonVendorEndpoints).orElse(List.of()));
        answer.put("configurationProblems", installedProvider.map(AccountingProvider::configurationProblems).orElse(List.of()));
        answer.put("connection", connections.status(company));
        answer.put("queueDepth", count(company, EnumSet.of(SyncStatus.PENDING, SyncStatus.SENDING, SyncStatus.OUTCOME_UNKNOWN,
                SyncStatus.DISCONNECTED)));
        answer.put("failed", count(company, EnumSet.of(SyncStatus.FAILED)));
        documents.nextAttempt(company).ifPresent(next -> answer.put("nextRetryAt", next));
        return answer;
    }

    private long count(CompanyId company, Set<SyncStatus> statuses) {
        return sync.documents(new DocumentQuery(company, statuses, Set.of(), 0, 1)).total();
    }

    private Object documents(ApiCall call) {
        CompanyId company = call.company();
        Set<SyncStatus> statuses = enums(call.query("status"), SyncStatus.class, "status");
        Set<DocumentKind> kinds = enums(call.query("kind"), DocumentKind.class, "kind");
        Instant from = instant(call, "updatedFrom");
        Instant before = instant(call, "updatedBefore");
        String text = call.single("text").orElse(null);
        int offset = call.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = call.integer("limit", 100, 1, DocumentSearch.MAX_LIMIT);
        DocumentSearch search;
        try {
            search = new DocumentSearch(company, statuses, kinds, from, before, text, offset, limit);
        } catch (IllegalArgumentException bad) {
            throw ApiProblem.badRequest("Cannot search documents: " + bad.getMessage());
        }
        return DocumentLine.Page.of(documents.search(search));
    }

    private static Instant instant(ApiCall call, String name) {
        return call.single(name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException notAnInstant) {
                throw ApiProblem.badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-02T09:00:00Z, not '" + value + "'");
            }
        }).orElse(null);
    }

    private Object sendNow(ApiCall call) {
        DocumentRef document = document(call);
        return documents.sendNow(document).map(DocumentLine::of).orElseThrow(() -> new ApiProblem(404, "No " + document.kind()
                + " '" + document.hostId() + "' of company " + document.company() + " is in the journal"));
    }

    private static DocumentRef document(ApiCall call) {
        DocumentKind kind = enums(List.of(call.path("kind")), DocumentKind.class, "kind").iterator().next();
        try {
            return new DocumentRef(call.company(), kind, call.path("hostId"));
        } catch (IllegalArgumentException bad) {
            throw ApiProblem.badRequest(bad.getMessage());
        }
    }

    private Object retryOne(ApiCall call) {
        DocumentRef document = document(call);
        return sync.retry(document).orElseThrow(() -> notRetried(document));
    }

    /** The engine retries failed, unsupported and not-attempted documents; any other is known but not retried: a 409. */
    private ApiProblem notRetried(DocumentRef document) {
        return sync.status(document)
                .map(status -> new ApiProblem(409, document.kind() + " '" + document.hostId() + "' of company " + document.company()
                        + " is " + status.status() + ": only a failed, unsupported or not attempted document is retried"))
                .orElseGet(() -> new ApiProblem(404, "No " + document.kind() + " '" + document.hostId() + "' of company "
                        + document.company() + " is in the journal"));
    }

    /** {@code POST .../history/invoices}: invoices that existed before the company connected. */
    record HistoricalInvoices(List<io.fieldsync.accounting.api.Invoice> invoices) {
    }

    /** {@code POST .../history/sync}: the historical invoices to send; empty or absent means every one not attempted. */
    record HistoricalSelection(List<String> hostInvoiceIds) {
    }

    /** The most invoices one registration takes; a longer history goes in several calls. */
    static final int MAX_HISTORICAL_BATCH = 500;

    private Object registerHistory(ApiCall call) throws Exception {
        CompanyId company = call.company();
        HistoricalInvoices body = call.body(HistoricalInvoices.class, false);
        if (body.invoices() == null || body.invoices().isEmpty()) {
            throw ApiProblem.badRequest("'invoices' must list at least one invoice");
        }
        if (body.invoices().size() > MAX_HISTORICAL_BATCH) {
            throw ApiProblem.badRequest("'invoices' may list at most " + MAX_HISTORICAL_BATCH + " invoices a call, not "
                    + body.invoices().size());
        }
        for (int i = 0; i < body.invoices().size(); i++) {
            if (body.invoices().get(i) == null) {
                throw ApiProblem.badRequest("'invoices[" + i + "]' is null");
            }
        }
        // all or nothing: the engine checks every invoice before it stores any
        List<io.fieldsync.accounting.api.Ticket> tickets = sync.registerHistorical(company, body.invoices());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("registered", tickets.size());
        answer.put("tickets", tickets);
        answer.put("progress", historyProgress(company));
        return answer;
    }

    private Object syncHistory(ApiCall call) throws Exception {
        CompanyId company = call.company();
        HistoricalSelection selection = call.body(HistoricalSelection.class, false);
        List<String> ids = selection.hostInvoiceIds() == null ? List.of() : selection.hostInvoiceIds();
        List<String> blanks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.get(i).isBlank()) {
                blanks.add("hostInvoiceIds[" + i + "]");
            }
        }
        if (!blanks.isEmpty()) {
            throw ApiProblem.badRequest("Host invoice ids must not be blank: " + String.join(", ", blanks));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queued", sync.syncHistorical(company, ids));
        answer.put("progress", historyProgress(company));
        return answer;
    }

    private Object history(ApiCall call) {
        return historyProgress(call.company());
    }

    private HistoryProgress historyProgress(CompanyId company) {
        return HistoryProgress.of(sync, company);
    }

    /**
     * {@code POST .../imports}: what to import ({@code kind}), the host's customers for a customer import, and the admin's
     * decision per row ({@code choices}, optional: without them customers are paired by name and tax rates and items only
     * read and shown).
     */
    record ImportStart(String kind, List<io.fieldsync.accounting.api.Customer> customers,
                       List<com.fasterxml.jackson.databind.JsonNode> choices) {
    }

    /** What {@code POST .../imports} answers: 202, the job's URL in {@code Location} and the job as it stands. */
    record Accepted(Object body, String location) {
    }

    /** Checks the whole request before anything starts (a malformed row is a 400 now, not a failed job later). */
    private Object startImport(ApiCall call) throws Exception {
        CompanyId company = call.company();
        ImportStart body = call.body(ImportStart.class, false);
        List<String> kinds = java.util.Arrays.stream(ImportJob.Kind.values()).map(ImportJob.Kind::apiName).toList();
        ImportJob.Kind kind = ImportJob.Kind.ofApiName(body.kind() == null ? "" : body.kind()).orElseThrow(() -> ApiProblem.badRequest(
                "'kind' must be one of " + String.join(", ", kinds) + ", not " + (body.kind() == null ? "nothing" : "'" + body.kind() + "'")));
        List<com.fasterxml.jackson.databind.JsonNode> rows = body.choices() == null ? List.of() : body.choices();
        if (rows.size() > MAX_IMPORTED_CUSTOMERS) {
            throw ApiProblem.badRequest("'choices' may list at most " + MAX_IMPORTED_CUSTOMERS + " rows, not " + rows.size());
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null || !rows.get(i).isObject()) {
                throw ApiProblem.badRequest("'choices[" + i + "]' must be an object");
            }
        }
        ImportJobs.Request request;
        if (kind == ImportJob.Kind.CUSTOMERS) {
            if (body.customers() == null) {
                throw ApiProblem.badRequest("'customers' must list the host's customers for a customer import (it may be empty)");
            }
            if (body.customers().size() > MAX_IMPORTED_CUSTOMERS) {
                throw ApiProblem.badRequest("'customers' may list at most " + MAX_IMPORTED_CUSTOMERS + " customers, not "
                        + body.customers().size());
            }
            for (int i = 0; i < body.customers().size(); i++) {
                if (body.customers().get(i) == null) {
                    throw ApiProblem.badRequest("'customers[" + i + "]' is null");
                }
            }
            List<io.fieldsync.accounting.api.admin.ContactChoice> choices = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                choices.add(row(rows.get(i), i, io.fieldsync.accounting.api.admin.ContactChoice.class));
            }
            request = ImportJobs.Request.customers(body.customers(), body.choices() == null ? null : choices);
        } else {
            if (body.customers() != null) {
                throw ApiProblem.badRequest("'customers' belongs only to a customer import, not to " + kind.apiName());
            }
            request = ImportJobs.Request.reference(referenceChoices(kind, rows));
        }
        ImportJob job;
        try {
            job = imports.start(company, kind, request, call.user().name());
        } catch (ImportJobs.AlreadyRunning running) {
            throw new ApiProblem(409, running.getMessage() + ": " + jobUrl(running.running()));
        }
        return new Accepted(importView(job.snapshot()), jobUrl(job));
    }

    private List<io.fieldsync.accounting.api.admin.ReferenceChoice> referenceChoices(ImportJob.Kind kind,
                                                                                    List<com.fasterxml.jackson.databind.JsonNode> rows) {
        io.fieldsync.accounting.api.admin.ReferenceChoice.Kind only = switch (kind) {
            case TAX_RATES -> io.fieldsync.accounting.api.admin.ReferenceChoice.Kind.TAX_RATE;
            case ITEMS -> io.fieldsync.accounting.api.admin.ReferenceChoice.Kind.ITEM;
            default -> null;
        };
        List<io.fieldsync.accounting.api.admin.ReferenceChoice> choices = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            com.fasterxml.jackson.databind.node.ObjectNode row = rows.get(i).deepCopy();
            if (only != null && (!row.hasNonNull("kind"))) {
                row.put("kind", only.name());
            }
            io.fieldsync.accounting.api.admin.ReferenceChoice choice = row(row, i, io.fieldsync.accounting.api.admin.ReferenceChoice.class);
            if (only != null && choice.kind() != only) {
                throw ApiProblem.badRequest("'choices[" + i + "].kind' must be " + only + " in a " + kind.apiName() + " import, not "
                        + choice.kind());
            }
            choices.add(choice);
        }
        return choices;
    }

    private <T> T row(com.fasterxml.jackson.databind.JsonNode node, int index, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException unreadable) {
            throw ApiProblem.badRequest("'choices[" + index + "]' is not a " + type.getSimpleName() + ": "
                    + (unreadable instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    ? AdminJson.describe(mapping) : unreadable.getMessage()));
        }
    }

    private Object importJob(ApiCall call) {
        CompanyId company = call.company();
        return imports.find(company, call.path("job")).map(job -> importView(job.snapshot()))
                .orElseThrow(() -> new ApiProblem(404, "No import '" + call.path("job") + "' of company " + company
                        + " is known to this node (jobs are kept in memory, the latest " + ImportJobs.KEPT + ")"));
    }

    private static String jobUrl(ImportJob job) {
        return jobUrl(job.company(), job.id());
    }

    private static String jobUrl(CompanyId company, String id) {
        return AdminApiServlet.PATH + "/companies/" + java.net.URLEncoder.encode(company.value(),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/imports/" + id;
    }

    /** A job as the API shows it: where it is, its counts and steps, and its report once done or its error once failed. */
    private static Map<String, Object> importView(ImportJob.Snapshot job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("company", job.company().value());
        view.put("kind", job.kind().apiName());
        view.put("state", job.state());
        view.put("url", jobUrl(job.company(), job.id()));
        view.put("startedBy", job.startedBy());
        view.put("progress", job.progress());
        view.put("steps", job.steps());
        if (job.result() instanceof io.fieldsync.accounting.api.admin.ContactImport contacts) {
            view.put("result", importAnswer(contacts));
        } else if (job.result() != null) {
            view.put("result", job.result());
        }
        if (job.error() != null) {
            view.put("error", job.error());
        }
        return view;
    }

    /** {@code POST .../import/customers}: the host's customers, to pair with the accounting system's contacts. */
    record HostCustomers(List<io.fieldsync.accounting.api.Customer> customers) {
    }

    /** The most host customers one import pairs; sent in one body, so bounded like every body. */
    static final int MAX_IMPORTED_CUSTOMERS = 2000;

    /**
     * Reads every contact of the accounting system and pairs it with the host's customers by name; answers the import's
     * report (each contact's decision and why, counts, the customers without a contact). Links what it maps; creates
     * nothing in the accounting system.
     */
    private Object importCustomers(ApiCall call) throws Exception {
        CompanyId company = call.company();
        HostCustomers body = call.body(HostCustomers.class, false);
        if (body.customers() == null) {
            throw ApiProblem.badRequest("'customers' must list the host's customers (it may be empty)");
        }
        if (body.customers().size() > MAX_IMPORTED_CUSTOMERS) {
            throw ApiProblem.badRequest("'customers' may list at most " + MAX_IMPORTED_CUSTOMERS + " customers, not " + body.customers().size());
        }
        for (int i = 0; i < body.customers().size(); i++) {
            if (body.customers().get(i) == null) {
                throw ApiProblem.badRequest("'customers[" + i + "]' is null");
            }
        }
        return importAnswer(setup.importContacts(company, body.customers()));
    }

    /** {@code POST .../import/customers/choices}: the host's customers and the admin's decision per row. */
    record ContactChoices(List<io.fieldsync.accounting.api.Customer> customers,
                          List<io.fieldsync.accounting.api.admin.ContactChoice> choices) {
    }

    /** Applies the admin's decision per row of a customer import, all or nothing; answers the report of what was done. */
    private Object applyContactChoices(ApiCall call) throws Exception {
        CompanyId company = call.company();
        ContactChoices body = call.body(ContactChoices.class, false);
        if (body.customers() == null || body.choices() == null) {
            throw ApiProblem.badRequest("'customers' and 'choices' must both be lists (they may be empty)");
        }
        if (body.customers().size() > MAX_IMPORTED_CUSTOMERS || body.choices().size() > MAX_IMPORTED_CUSTOMERS) {
            throw ApiProblem.badRequest("'customers' and 'choices' may list at most " + MAX_IMPORTED_CUSTOMERS + " each");
        }
        for (int i = 0; i < body.customers().size(); i++) {
            if (body.customers().get(i) == null) {
                throw ApiProblem.badRequest("'customers[" + i + "]' is null");
            }
        }
        return importAnswer(setup.applyContactChoices(company, body.customers(), body.choices()));
    }

    /** {@code POST .../import/reference/choices}: the admin's decision per tax rate or item row. */
    record ReferenceChoices(List<io.fieldsync.accounting.api.admin.ReferenceChoice> choices) {
    }

    /** Links host tax rates and categories to imported tax rates and items by hand, all or nothing; answers the mappings and their gaps. */
    private Object applyReferenceChoices(ApiCall call) throws Exception {
        CompanyId company = call.company();
        ReferenceChoices body = call.body(ReferenceChoices.class, false);
        if (body.choices() == null) {
            throw ApiProblem.badRequest("'choices' must list the admin's decisions (it may be empty)");
        }
        if (body.choices().size() > MAX_IMPORTED_CUSTOMERS) {
            throw ApiProblem.badRequest("'choices' may list at most " + MAX_IMPORTED_CUSTOMERS + " rows");
        }
        return mappingsAnswer(call, setup.applyReferenceChoices(company, body.choices()));
    }

    private static Object importAnswer(io.fieldsync.accounting.api.admin.ContactImport report) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (io.fieldsync.accounting.api.admin.ContactDecision decision : io.fieldsync.accounting.api.admin.ContactDecision.values()) {
            counts.put(decision.name(), report.count(decision));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("counts", counts);
        answer.put("contacts", report.contacts());
        answer.put("hostCustomersWithoutContact", report.hostCustomersWithoutContact());
        return answer;
    }

    /** An answer that also sets a cookie ({@code Set-Cookie} header value). */
    record WithCookie(Object body, String setCookie) {
    }

    /** What {@code POST .../connection/connect} answers: where to send the admin's browser, and until when. */
    record ConsentLink(String company, String provider, java.net.URI authorizationUrl, Instant expiresAt) {
    }

    /**
     * Connect or reconnect: the consent URL, for a state bound to this HTTP session. The session's binding secret
     * (one per session, so two companies connected side by side both complete) goes to the browser as an HttpOnly
     * cookie on /accounting, SameSite=Lax so the accounting system's top-level redirect to the callback brings it. The
     * secret, not the session id, travels: the callback may land on another node, where this session does not exist.
     */
    private Object connect(ApiCall call) {
        CompanyId company = call.company();
        javax.servlet.http.HttpSession session = call.session();
        String binding = session.getAttribute(SESSION_OAUTH_BINDING) instanceof String known ? known : null;
        if (binding == null) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            binding = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            session.setAttribute(SESSION_OAUTH_BINDING, binding);
        }
        AuthorizationStart start = connections.beginAuthorization(company, binding);
        // Expires, not Max-Age: it is the state's own expiry, with no clock of ours to subtract from
        String cookie = AccountingConnections.BROWSER_BINDING_COOKIE + "=" + binding + "; Path=/accounting; Expires="
                + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(start.expiresAt().atZone(java.time.ZoneOffset.UTC))
                + "; HttpOnly; SameSite=Lax" + (call.request().isSecure() ? "; Secure" : "");
        return new WithCookie(new ConsentLink(company.value(), start.provider(), start.authorizationUrl(), start.expiresAt()), cookie);
    }

    /** {@code PUT /companies/{company}/connection/organisation}: the organisation picked among those the consent covered. */
    record OrganisationChoice(String tenantId) {
    }

    private Object chooseOrganisation(ApiCall call) throws Exception {
        CompanyId company = call.company();
        OrganisationChoice choice = call.body(OrganisationChoice.class);
        if (choice.tenantId() == null || choice.tenantId().isBlank()) {
            throw ApiProblem.badRequest("'tenantId' must name one of the organisations the connection offers");
        }
        return connections.chooseOrganisation(company, choice.tenantId().strip());
    }

    /** The sync log filtered by document ({@code kind} + {@code hostId}), errors only, since an instant; newest first. */
    private List<SyncLogEntry> syncLog(ApiCall call) {
        CompanyId company = call.company();
        java.util.Optional<String> kind = call.single("kind");
        java.util.Optional<String> hostId = call.single("hostId");
        if (kind.isPresent() != hostId.isPresent()) {
            throw ApiProblem.badRequest("A document is named by both 'kind' and 'hostId'");
        }
        DocumentRef document = null;
        if (kind.isPresent()) {
            try {
                document = new DocumentRef(company, enums(List.of(kind.get()), DocumentKind.class, "kind").iterator().next(), hostId.get());
            } catch (IllegalArgumentException bad) {
                throw ApiProblem.badRequest(bad.getMessage());
            }
        }
        boolean errorsOnly = call.single("errorsOnly").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest("'errorsOnly' must be true or false, not '" + value + "'");
        }).orElse(false);
        java.time.Instant since = call.single("since").map(value -> {
            try {
                return java.time.Instant.parse(value);
            } catch (java.time.format.DateTimeParseException notAnInstant) {
                throw ApiProblem.badRequest("'since' must be an ISO-8601 instant such as 2026-11-02T09:00:00Z, not '" + value + "'");
            }
        }).orElse(null);
        int limit = call.integer("limit", 200, 1, 1000);
        return sync.syncLog(new SyncLogQuery(company, document, errorsOnly, since, limit));
    }

    private Object syncLogCsv(ApiCall call) {
        return new CsvDocument("sync-log-" + call.company().value().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv",
                SyncLogLine.csv(syncLog(call)));
    }

    /** A text/csv answer offered as a download. */
    record CsvDocument(String fileName, String text) {
    }

    private Object saveMappings(ApiCall call) throws Exception {
        CompanyId company = call.company();
        Mappings mappings = call.body(Mappings.class);
        List<String> blanks = blanks(mappings);
        if (!blanks.isEmpty()) {
            throw ApiProblem.badRequest("Mappings must not be blank: " + String.join(", ", blanks));
        }
        setup.saveMappings(company, mappings);
        return mappingsAnswer(call, setup.mappings(company));
    }

    /** The mappings with every gap; the caller may name more host values to check ({@code ?category=&taxRate=}). */
    private Object mappingsAnswer(ApiCall call, Mappings mappings) {
        return MappingsReport.of(setup, call.company(), mappings, call.query("category"), call.query("taxRate")).answer();
    }

    private Object saveSettings(ApiCall call) throws Exception {
        CompanyId company = call.company();
        SyncSettings settings = call.body(SyncSettings.class);
        setup.saveSettings(company, settings);
        return setup.settings(company);
    }

    private static List<String> blanks(Mappings mappings) {
        List<String> blanks = new ArrayList<>();
        blankEntries("revenueAccountByCategory", mappings.revenueAccountByCategory(), blanks);
        blankEntries("itemByCategory", mappings.itemByCategory(), blanks);
        blankEntries("taxRateByHostTaxRate", mappings.taxRateByHostTaxRate(), blanks);
        Map<String, String> deposits = new LinkedHashMap<>();
        mappings.depositAccountByMethod().forEach((PaymentMethod method, String account) -> deposits.put(method.name(), account));
        blankEntries("depositAccountByMethod", deposits, blanks);
        for (Map.Entry<String, String> single : Map.of("salesAccount", String.valueOf(mappings.salesAccount()),
                "depositAccount", String.valueOf(mappings.depositAccount())).entrySet()) {
            if (single.getValue().isBlank()) {
                blanks.add(single.getKey());
            }
        }
        blanks.sort(null);
        return blanks;
    }

    private static void blankEntries(String field, Map<String, String> map, List<String> blanks) {
        map.forEach((key, value) -> {
            if (key.isBlank()) {
                blanks.add(field + " (a blank key)");
            } else if (value == null || value.isBlank()) {
                blanks.add(field + "." + key);
            }
        });
    }

    private static <E extends Enum<E>> Set<E> enums(List<String> values, Class<E> type, String name) {
        Set<E> parsed = EnumSet.noneOf(type);
        for (String value : values) {
            for (String one : value.split(",")) {
                try {
                    parsed.add(Enum.valueOf(type, one.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
                } catch (IllegalArgumentException unknown) {
                    throw ApiProblem.badRequest("'" + one + "' is not a " + name + "; one of " + EnumSet.allOf(type));
                }
            }
        }
        return parsed;
    }
}
