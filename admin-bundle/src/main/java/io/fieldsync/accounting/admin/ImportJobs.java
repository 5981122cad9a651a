package io.fieldsync.accounting.admin;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.ContactChoice;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.ContactImport;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceChoice;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

/**
 * Runs imports of customers, tax rates and items in the background, one at a time per company (two imports of one
 * company would each decide rows the other is deciding), and keeps the latest {@value #KEPT} for the admin API, the
 * page and {@code accounting:import} to follow. Jobs live in this node's memory: another node, or this one after a
 * restart, does not know them (an import is an admin's interactive step, started again if lost).
 */
@Component(service = ImportJobs.class)
public class ImportJobs {

    /** How many jobs are remembered; the oldest finished ones are forgotten first. */
    static final int KEPT = 100;
    /** Workers for all companies: an import is a few reads of the accounting system, paced in the company's lane. */
    private static final int WORKERS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    /** What an import is asked to do; the lists not used by its kind are empty. */
    public record Request(List<Customer> customers, List<ContactChoice> contactChoices, List<ReferenceChoice> referenceChoices) {
        public Request {
            customers = customers == null ? null : List.copyOf(customers);
            contactChoices = contactChoices == null ? null : List.copyOf(contactChoices);
            referenceChoices = referenceChoices == null ? List.of() : List.copyOf(referenceChoices);
        }

        /** Tax rates or items, with the admin's links (may be empty: the import then only reads and shows). */
        public static Request reference(List<ReferenceChoice> choices) {
            return new Request(null, null, choices);
        }

        /** Customers to pair by name, or, with {@code choices}, the admin's decision per row. */
        public static Request customers(List<Customer> customers, List<ContactChoice> choices) {
            return new Request(customers, choices, List.of());
        }
    }

    /** One tax rate or item of the accounting system and the host values linked to it. */
    public record ReferenceRow(String key, String name, boolean active, List<String> linkedHostValues) {
    }

    /** What a tax-rate or item import ends with: the rows read, each with its links, and the mappings as saved. */
    public record ReferenceImport(String organisationName, List<ReferenceRow> taxRates, List<ReferenceRow> items, Mappings mappings) {
    }

    /** A second import of a company while one is unfinished. */
    public static final class AlreadyRunning extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ImportJob running;

        AlreadyRunning(ImportJob running) {
            super("An import of company " + running.company() + " is already running (" + running.kind().apiName() + ", job "
                    + running.id() + "); wait for it to finish");
            this.running = running;
        }

        public ImportJob running() {
            return running;
        }
    }

    private final AccountingSetup setup;
    private final Executor executor;
    private final ExecutorService owned;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

    @Activate
    public ImportJobs(@Reference AccountingSetup setup) {
        this(setup, Executors.newFixedThreadPool(WORKERS, workers()));
    }

    private ImportJobs(AccountingSetup setup, ExecutorService owned) {
        this.setup = setup;
        this.executor = owned;
        this.owned = owned;
    }

    /** Jobs run by {@code executor} (a test's own, to run them when it chooses). */
    public ImportJobs(AccountingSetup setup, Executor executor) {
        this.setup = setup;
        this.executor = executor;
        this.owned = null;
    }

    @Deactivate
    void stop() {
        if (owned != null) {
            // an import cut short applied all of its decisions or none (the engine's calls are all or nothing)
            owned.shutdownNow();
        }
    }

    /**
     * Starts an import; it is QUEUED until a worker takes it.
     *
     * @throws AlreadyRunning if an import of the company is not finished
     */
    public ImportJob start(CompanyId company, ImportJob.Kind kind, Request request, String startedBy) {
        ImportJob job;
        synchronized (jobs) {
            for (ImportJob known : jobs.values()) {
                if (known.company().equals(company) && !known.finished()) {
                    throw new AlreadyRunning(known);
                }
            }
            job = new ImportJob(newId(), company, kind, startedBy);
            jobs.put(job.id(), job);
            forgetOldest();
        }
        LOG.info("Import of {} for company {} started by {} (job {})", kind.apiName(), company, startedBy, job.id());
        try {
            executor.execute(() -> run(job, request));
        } catch (RejectedExecutionException stopping) {
            job.failed(ImportJob.Progress.NONE, "not started: the admin bundle is stopping",
                    SyncError.of(ErrorCode.PROVIDER_UNAVAILABLE, "The import service is stopping"));
        }
        return job;
    }

    /** The company's job with this id; another company's is not found. */
    public Optional<ImportJob> find(CompanyId company, String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).filter(job -> job.company().equals(company));
        }
    }

    /** The company's jobs still remembered, newest first. */
    public List<ImportJob> of(CompanyId company) {
        List<ImportJob> found = new ArrayList<>();
        synchronized (jobs) {
            jobs.values().stream().filter(job -> job.company().equals(company)).forEach(job -> found.add(0, job));
        }
        return found;
    }

    private void forgetOldest() {
        if (jobs.size() <= KEPT) {
            return;
        }
        jobs.values().removeIf(new java.util.function.Predicate<>() {
            private int excess = jobs.size() - KEPT;

            @Override
            public boolean test(ImportJob job) {
                if (excess > 0 && job.finished()) {
                    excess--;
                    return true;
                }
                return false;
            }
        });
    }

    private void run(ImportJob job, Request request) {
        long rows = request.customers() != null && job.kind() == ImportJob.Kind.CUSTOMERS
                ? (request.contactChoices() == null ? request.customers().size() : request.contactChoices().size())
                : request.referenceChoices().size();
        try {
            if (job.kind() == ImportJob.Kind.CUSTOMERS) {
                customers(job, request);
            } else {
                reference(job, request);
            }
            LOG.info("Import job {} of company {} done", job.id(), job.company());
        } catch (AccountingException refused) {
            LOG.info("Import job {} of company {} refused: {}", job.id(), job.company(), refused.getMessage());
            job.failed(new ImportJob.Progress(job.snapshot().progress().rowsRead(), 0, 0, 0, rows), "refused: nothing was applied",
                    refused.error());
        } catch (RuntimeException broken) {
            LOG.error("Import job {} of company {} failed", job.id(), job.company(), broken);
            job.failed(new ImportJob.Progress(job.snapshot().progress().rowsRead(), 0, 0, 0, rows), "failed: nothing was applied",
                    SyncError.of(ErrorCode.INTERNAL_ERROR, "The import failed (" + broken.getClass().getSimpleName()
                            + "); the server's log says why"));
        }
    }

    private void customers(ImportJob job, Request request) {
        CompanyId company = job.company();
        ContactImport report;
        if (request.contactChoices() == null) {
            job.step(ImportJob.State.READING, ImportJob.Progress.NONE, "reading the accounting system's contacts to pair them with "
                    + request.customers().size() + " host customer(s) by name");
            report = setup.importContacts(company, request.customers());
        } else {
            job.step(ImportJob.State.DECIDING, ImportJob.Progress.NONE, "applying " + request.contactChoices().size()
                    + " decision(s) to the accounting system's contacts");
            report = setup.applyContactChoices(company, request.customers(), request.contactChoices());
        }
        long created = report.count(ContactDecision.CREATE_IN_HOST) + report.count(ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM);
        ImportJob.Progress counts = new ImportJob.Progress(report.contacts().size(), report.count(ContactDecision.MAPPED),
                report.contacts().size(), created, 0);
        job.done(counts, report.contacts().size() + " row(s): " + counts.matched() + " linked, " + created + " to create, "
                + report.count(ContactDecision.IGNORED) + " ignored; " + report.hostCustomersWithoutContact().size()
                + " host customer(s) without a contact", report);
    }

    private void reference(ImportJob job, Request request) {
        CompanyId company = job.company();
        boolean taxRates = job.kind() != ImportJob.Kind.ITEMS;
        boolean items = job.kind() != ImportJob.Kind.TAX_RATES;
        job.step(ImportJob.State.READING, ImportJob.Progress.NONE, "reading the accounting system's accounts, tax rates and items");
        ReferenceData data = setup.refreshReferenceData(company);
        long read = (taxRates ? data.taxRates().size() : 0) + (items ? data.items().size() : 0);
        Mappings mappings;
        if (request.referenceChoices().isEmpty()) {
            job.step(ImportJob.State.DECIDING, new ImportJob.Progress(read, 0, 0, 0, 0), "read " + describe(data, taxRates, items)
                    + " from " + data.organisationName() + "; no links given");
            mappings = setup.mappings(company);
        } else {
            job.step(ImportJob.State.DECIDING, new ImportJob.Progress(read, 0, 0, 0, 0), "read " + describe(data, taxRates, items)
                    + " from " + data.organisationName() + "; applying " + request.referenceChoices().size() + " link(s)");
            mappings = setup.applyReferenceChoices(company, request.referenceChoices());
        }
        List<ReferenceRow> rateRows = taxRates ? data.taxRates().stream().map(rate -> row(rate, mappings)).toList() : List.of();
        List<ReferenceRow> itemRows = items ? data.items().stream().map(item -> row(item, mappings)).toList() : List.of();
        long matched = java.util.stream.Stream.concat(rateRows.stream(), itemRows.stream())
                .filter(row -> !row.linkedHostValues().isEmpty()).count();
        ImportJob.Progress counts = new ImportJob.Progress(read, matched, request.referenceChoices().size(), 0, 0);
        job.done(counts, read + " row(s): " + matched + " linked to a host value, " + (read - matched) + " not linked",
                new ReferenceImport(data.organisationName(), rateRows, itemRows, mappings));
    }

    private static String describe(ReferenceData data, boolean taxRates, boolean items) {
        List<String> parts = new ArrayList<>();
        if (taxRates) {
            parts.add(data.taxRates().size() + " tax rate(s)");
        }
        if (items) {
            parts.add(data.items().size() + " item(s)");
        }
        return String.join(" and ", parts);
    }

    private static ReferenceRow row(RemoteTaxRate rate, Mappings mappings) {
        return new ReferenceRow(rate.code(), rate.name() + " (" + rate.ratePercent().stripTrailingZeros().toPlainString() + "%)",
                rate.active(), linked(mappings.taxRateByHostTaxRate(), List.of(rate.code())));
    }

    private static ReferenceRow row(RemoteItem item, Mappings mappings) {
        List<String> keys = item.code() == null ? List.of(item.id()) : List.of(item.id(), item.code());
        return new ReferenceRow(item.code() == null ? item.id() : item.code(), item.name(), item.active(),
                linked(mappings.itemByCategory(), keys));
    }

    private static List<String> linked(Map<String, String> byHostValue, Collection<String> keys) {
        return byHostValue.entrySet().stream().filter(entry -> keys.contains(entry.getValue())).map(Map.Entry::getKey).sorted().toList();
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static java.util.concurrent.ThreadFactory workers() {
        AtomicInteger serial = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, "accounting-admin-import-" + serial.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
