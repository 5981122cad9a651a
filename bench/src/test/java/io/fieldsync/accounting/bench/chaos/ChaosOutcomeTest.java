package io.fieldsync.accounting.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.bench.chaos.Verdict.KindCount;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosOutcomeTest {

    private static ChaosOutcome outcome(Verdict verdict, boolean drained) throws Exception {
        return new ChaosOutcome(ChaosProvider.QUICKBOOKS, null, null, verdict, null, List.of("12.0 s", "30.1 s", "44.9 s", "61.0 s", "80.2 s"),
                List.of(), 6, new ObjectMapper().readTree("{\"total\":40,\"serverErrors\":31}"), 1, drained, Duration.ofMinutes(3),
                Duration.ofSeconds(40), null);
    }

    private static Verdict verdict(int duplicates, int missing, int wrong) {
        return new Verdict(Map.of(
                DocumentKind.INVOICE, new KindCount(140, 140 - missing, 140 - missing + duplicates, duplicates, missing, wrong),
                DocumentKind.PAYMENT, new KindCount(140, 140, 140, 0, 0, 0),
                DocumentKind.CREDIT_NOTE, new KindCount(18, 18, 18, 0, 0, 0)), List.of(), Map.of(), 0, 0, 2, 2, 0);
    }

    @Test
    void theLastLineIsTheMachineReadableSummaryTheIssueAsksFor() throws Exception {
        assertThat(outcome(verdict(0, 0, 0), true).line())
                .isEqualTo("chaos: provider=quickbooks documents=300 remote=298 duplicates=0 missing=0 wrong_amounts=0 kills=5 faults=41");
        assertThat(outcome(verdict(2, 1, 3), true).line()).contains("documents=300 remote=299 duplicates=2 missing=1 wrong_amounts=3");
    }

    @Test
    void aRunPassesOnlyWhenItDrainedWithNothingDuplicatedMissingOrWrong() throws Exception {
        assertThat(outcome(verdict(0, 0, 0), true).passed()).isTrue();
        assertThat(outcome(verdict(0, 0, 0), false).passed()).isFalse();
        assertThat(outcome(verdict(1, 0, 0), true).passed()).isFalse();
        assertThat(outcome(verdict(0, 1, 0), true).passed()).isFalse();
        assertThat(outcome(verdict(0, 0, 1), true).passed()).isFalse();
    }

    @Test
    void aRunOfSeveralNodesNamesHowManyInItsLine() throws Exception {
        ChaosOutcome single = outcome(verdict(0, 0, 0), true);
        ChaosOutcome three = single.onNodes(3);

        assertThat(three.line())
                .isEqualTo("chaos: provider=quickbooks nodes=3 documents=300 remote=298 duplicates=0 missing=0 wrong_amounts=0 kills=5 faults=41");
    }
}
