package io.fieldsync.accounting.bench.chaos;

import java.util.List;
import java.util.Map;

import io.fieldsync.accounting.api.DocumentKind;

/**
 * What the ledger check found. Per kind, over the host documents meant to reach the ledger: {@code found} have at
 * least one remote document, {@code remote} is how many remote documents they have in all, {@code duplicates} the
 * remote documents beyond the first, {@code missing} those with none, {@code wrongAmounts} those whose (first) remote
 * document differs from the final revision: total, amount, date, contact, what was paid or credited on an invoice,
 * or a credit note's allocation.
 *
 * @param discrepancies one line per problem, naming the host document and what the ledger has
 * @param causes        the discrepancies grouped by problem, kind and what the journal says of them, with their counts
 * @param unexpected    remote documents of the run that no host document accounts for (or meant to fail)
 * @param dead          the run's remote documents that were deleted or voided (not counted as present)
 * @param meantToFail   host documents the workload meant to be refused, and how many were refused as meant
 * @param lostByJournal host documents whose acknowledged last revision the journal no longer had
 */
record Verdict(Map<DocumentKind, KindCount> byKind, List<String> discrepancies, Map<String, Integer> causes, int unexpected,
               int dead, int meantToFail, int failedAsMeant, int lostByJournal) {

    record KindCount(int expected, int found, int remote, int duplicates, int missing, int wrongAmounts) {
    }

    Verdict {
        byKind = Map.copyOf(byKind);
        discrepancies = List.copyOf(discrepancies);
        causes = Map.copyOf(causes);
    }

    int documents() {
        return sum(KindCount::expected) + meantToFail;
    }

    int remote() {
        return sum(KindCount::remote);
    }

    int duplicates() {
        return sum(KindCount::duplicates);
    }

    int missing() {
        return sum(KindCount::missing);
    }

    int wrongAmounts() {
        return sum(KindCount::wrongAmounts);
    }

    /** Nothing lost, nothing duplicated, nothing wrong, nothing that should not be there. */
    boolean clean() {
        return duplicates() == 0 && missing() == 0 && wrongAmounts() == 0 && unexpected == 0 && failedAsMeant == meantToFail;
    }

    private int sum(java.util.function.ToIntFunction<KindCount> field) {
        return byKind.values().stream().mapToInt(field).sum();
    }
}
