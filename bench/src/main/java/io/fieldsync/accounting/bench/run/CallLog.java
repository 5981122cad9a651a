package io.fieldsync.accounting.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's calls as the sync log counts them, keyed {@code "<operation> <http status>"} (e.g.
 * {@code "PUT /Invoices 200"}, {@code "POST /batch (create Invoice ×30) 200"}): how many were made, how many the vendor
 * admitted (a 429 is refused before it is served), and how many batch items the admitted QuickBooks batches carried
 * (Intuit counts each against the 500 a minute). {@code calls} is the same calls oldest first, when recorded: which
 * batch came when is what tells a batch split by the turns from one split by the vendor's size.
 */
public record CallLog(Map<String, Integer> byOperation, List<String> calls) {

    private static final Pattern ITEMS = Pattern.compile("\\((?:create|update|delete|query)[^)]*?×(\\d+)\\)");
    private static final Pattern ITEMS_CREATED = Pattern.compile("\\(create Item ×(\\d+)\\)");

    public CallLog {
        byOperation = Map.copyOf(byOperation);
        calls = List.copyOf(calls);
    }

    /** A log counted by operation only, its order not recorded. */
    public CallLog(Map<String, Integer> byOperation) {
        this(byOperation, List.of());
    }

    /** The calls oldest first on one line, a run of the same call written once with its count. */
    public String inOrder() {
        if (calls.isEmpty()) {
            return "(order not recorded)";
        }
        List<String> runs = new ArrayList<>();
        String previous = null;
        int repeats = 0;
        for (String call : calls) {
            if (call.equals(previous)) {
                repeats++;
                continue;
            }
            if (previous != null) {
                runs.add(repeats > 1 ? previous + " ×" + repeats : previous);
            }
            previous = call;
            repeats = 1;
        }
        runs.add(repeats > 1 ? previous + " ×" + repeats : previous);
        return String.join(" · ", runs);
    }

    /** Every call the engine made, refused ones included: each one cost a request. */
    public int made() {
        return byOperation.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The calls the vendor admitted: everything but its 429s. */
    public int admitted() {
        return byOperation.entrySet().stream().filter(entry -> !entry.getKey().endsWith(" 429")).mapToInt(Map.Entry::getValue).sum();
    }

    /** Items carried by admitted batch calls; a call that is no batch counts as one. */
    public int admittedItems() {
        int items = 0;
        for (Map.Entry<String, Integer> entry : byOperation.entrySet()) {
            if (entry.getKey().endsWith(" 429")) {
                continue;
            }
            Matcher batch = ITEMS.matcher(entry.getKey());
            items += (batch.find() ? Integer.parseInt(batch.group(1)) : 1) * entry.getValue();
        }
        return items;
    }

    /** Item records (products/services) the run created, from QuickBooks' batch descriptions. */
    public int itemsCreated() {
        int items = 0;
        for (Map.Entry<String, Integer> entry : byOperation.entrySet()) {
            Matcher created = ITEMS_CREATED.matcher(entry.getKey());
            if (!entry.getKey().endsWith(" 429") && created.find()) {
                items += Integer.parseInt(created.group(1)) * entry.getValue();
            }
        }
        return items;
    }
}
