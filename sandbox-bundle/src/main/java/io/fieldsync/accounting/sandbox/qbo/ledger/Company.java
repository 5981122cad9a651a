package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.qbo.wire.QboTime;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One QBO company (realm): its entities, its preferences and its change history. Every read and write of a company
 * happens while holding its monitor ({@code synchronized (company)}); a batch holds it for all its items.
 * <p>
 * Writing stamps what QBO stamps: Id, SyncToken (a string counting updates), MetaData.CreateTime and
 * LastUpdatedTime, {@code domain:"QBO"}, {@code sparse:false}, and tells the change listener.
 */
public final class Company {

    /** The entity kinds the sandbox keeps, with the first Id QBO would hand out in a fresh demo company. */
    public static final List<String> ENTITIES = List.of("Account", "TaxCode", "TaxRate", "Item", "Customer",
            "Invoice", "CreditMemo", "Payment");

    private final String realmId;
    private final String name;
    private final ZoneId zone;
    private final String currency;
    private final String country;
    private final Clock clock;
    private final ChangeListener listener;
    private final Instant createdAt;
    private final Map<String, EntityTable> tables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private long sequence;
    private long horizon = Long.MAX_VALUE;
    private int nextDocNumber = 1001;
    private final CompanyPreferences preferences = new CompanyPreferences(this);

    Company(String realmId, String name, ZoneId zone, String currency, String country, Clock clock,
            ChangeListener listener) {
        this.realmId = realmId;
        this.name = name;
        this.zone = zone;
        this.currency = currency;
        this.country = country;
        this.clock = clock;
        this.listener = listener;
        this.createdAt = clock.instant();
        for (String entity : ENTITIES) {
            tables.put(entity, new EntityTable(entity, 1));
        }
    }

    public String realmId() {
        return realmId;
    }

    public String name() {
        return name;
    }

    public String currency() {
        return currency;
    }

    /** ISO 3166 alpha-2 country of the company (CompanyInfo.Country). */
    public String country() {
        return country;
    }

    /**
     * Whether the company uses QBO's US sales-tax model (lines TAX/NON, one TxnTaxCodeRef per transaction) rather than
     * the global tax model (a real tax code per line): QBO decides by the company's country (api-facts §8.2).
     */
    public boolean usesUsSalesTax() {
        return "US".equals(country);
    }

    /** The settings that change what this company accepts (multicurrency, AST, discounts). */
    public CompanyPreferences preferences() {
        return preferences;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The company's today, which is what TxnDate defaults to. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public Optional<EntityTable> table(String entity) {
        return Optional.ofNullable(tables.get(entity));
    }

    public EntityTable tableOf(String entity) {
        return table(entity).orElseThrow(() -> new IllegalArgumentException("no entity " + entity));
    }

    /** A live entity by Id, as a reference sees it (inside a batch: as it was when the batch began). */
    public Optional<ObjectNode> find(String entity, String id) {
        return id == null ? Optional.empty() : tableOf(entity).get(id, horizon);
    }

    /** The live entities of a kind as a query sees them (inside a batch: as they were when the batch began). */
    public List<ObjectNode> visible(String entity) {
        EntityTable table = tableOf(entity);
        return table.all().stream().filter(n -> table.get(n.get("Id").asText(), horizon).isPresent()).toList();
    }

    /** A live entity by Id for a read, update or delete; 610 when there is none. */
    public ObjectNode require(String entity, String id) {
        return find(entity, id).orElseThrow(() -> QboFault.notFound(entity, id));
    }

    /** Stamps a new entity (Id, SyncToken "0", MetaData, domain, sparse) and stores it. */
    public ObjectNode insert(String entity, ObjectNode node) {
        return insertAs(entity, tableOf(entity).nextId(), node);
    }

    /**
     * Stores a new entity under an Id QBO gives it by name rather than by number: the US pseudo tax codes
     * {@code TAX} and {@code NON}. Stamped like {@link #insert}.
     */
    public ObjectNode insertAs(String entity, String id, ObjectNode node) {
        EntityTable table = tableOf(entity);
        if (table.get(id, Long.MAX_VALUE).isPresent()) {
            throw new IllegalStateException(entity + " " + id + " exists already");
        }
        String at = QboTime.meta(now());
        ObjectNode stored = SandboxJson.object();
        stored.put("Id", id);
        stored.put("SyncToken", "0");
        ObjectNode meta = stored.putObject("MetaData");
        meta.put("CreateTime", at);
        meta.put("LastUpdatedTime", at);
        stored.put("domain", "QBO");
        stored.put("sparse", false);
        node.fields().forEachRemaining(f -> {
            if (!stored.has(f.getKey())) {
                stored.set(f.getKey(), f.getValue());
            }
        });
        table.put(id, stored, ++sequence);
        listener.changed(new CompanyChange(realmId, entity, id, CompanyChange.Operation.CREATED, now()));
        return stored;
    }

    /** Bumps SyncToken and LastUpdatedTime of an entity changed in place, and reports the change. */
    public void touch(String entity, ObjectNode node, CompanyChange.Operation operation) {
        int token = Integer.parseInt(node.path("SyncToken").asText("0"));
        node.put("SyncToken", String.valueOf(token + 1));
        ObjectNode meta = node.get("MetaData") instanceof ObjectNode m ? m : node.putObject("MetaData");
        meta.put("LastUpdatedTime", QboTime.meta(now()));
        sequence++;
        if (operation == CompanyChange.Operation.VOIDED) {
            tableOf(entity).markVoided(node.get("Id").asText());
        }
        listener.changed(new CompanyChange(realmId, entity, node.get("Id").asText(), operation, now()));
    }

    /**
     * Bumps SyncToken and LastUpdatedTime of an entity that another write changed (an invoice's Balance and LinkedTxn
     * moved by a payment), without a webhook event of its own: QBO announces the entity that was written (Intuit's
     * webhooks page lists events per entity and operation: Payment Create/Update/Delete/Void...); that the invoice it
     * settles is not announced as well is not documented either way [U], and the sandbox takes the reading that a
     * client must cope with: the Payment (or CreditMemo) event alone.
     */
    public void restamp(ObjectNode node) {
        int token = Integer.parseInt(node.path("SyncToken").asText("0"));
        node.put("SyncToken", String.valueOf(token + 1));
        ObjectNode meta = node.get("MetaData") instanceof ObjectNode m ? m : node.putObject("MetaData");
        meta.put("LastUpdatedTime", QboTime.meta(now()));
        sequence++;
    }

    /** Deletes an entity; CDC keeps {@code {Id, status:"Deleted", MetaData}}. Returns what QBO answers. */
    public ObjectNode delete(String entity, ObjectNode node) {
        String id = node.get("Id").asText();
        ObjectNode answer = SandboxJson.object();
        answer.put("domain", "QBO");
        answer.put("status", "Deleted");
        answer.put("Id", id);
        ObjectNode tombstone = answer.deepCopy();
        ObjectNode meta = tombstone.putObject("MetaData");
        meta.put("CreateTime", node.path("MetaData").path("CreateTime").asText());
        meta.put("LastUpdatedTime", QboTime.meta(now()));
        tableOf(entity).remove(id, tombstone);
        sequence++;
        listener.changed(new CompanyChange(realmId, entity, id, CompanyChange.Operation.DELETED, now()));
        return answer;
    }

    /** Checks the SyncToken of an update or delete against the stored one (5010 when stale). */
    public static void checkSyncToken(ObjectNode stored, JsonNode request) {
        JsonNode token = request.get("SyncToken");
        if (token == null || token.isNull() || token.asText().isBlank()) {
            throw QboFault.required("SyncToken");
        }
        if (!token.asText().equals(stored.get("SyncToken").asText())) {
            throw QboFault.stale(token.asText());
        }
    }

    /** The next automatic DocNumber (QBO numbers sales forms itself when the client sends none). */
    public String nextDocNumber() {
        return String.valueOf(nextDocNumber++);
    }

    /**
     * Runs {@code work} as one batch: references made inside it see only entities that existed when it began
     * (Intuit: "items in the same batch cannot see each other's results", reference/api-facts.md §4).
     */
    public <T> T asBatch(Supplier<T> work) {
        long previous = horizon;
        horizon = sequence;
        try {
            return work.get();
        } finally {
            horizon = previous;
        }
    }

    /** A reference object {@code {"value":id,"name":…}} as QBO returns it. */
    public static ObjectNode ref(String value, String name) {
        ObjectNode ref = SandboxJson.object();
        ref.put("value", value);
        if (name != null) {
            ref.put("name", name);
        }
        return ref;
    }
}
