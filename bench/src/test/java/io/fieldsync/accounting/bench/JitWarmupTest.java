package io.fieldsync.accounting.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class JitWarmupTest {

    /** A JVM whose runs each take {@code wallMillis[i]} and compile for {@code compileMillis[i]}, told through the suppliers. */
    private static final class ScriptedJvm {
        private final Deque<long[]> script = new ArrayDeque<>();
        private long compiledMillis;
        private long nanos;
        final AtomicInteger runs = new AtomicInteger();

        ScriptedJvm(List<long[]> runs) {
            script.addAll(runs);
        }

        void run() {
            long[] next = script.poll();
            runs.incrementAndGet();
            nanos += next[0] * 1_000_000;
            compiledMillis += next[1];
        }

        JitWarmup warmup() {
            return new JitWarmup(() -> compiledMillis, () -> nanos);
        }
    }

    @Test
    void warmsUpUntilTheJitCompilesForLessThanATenthOfARun() throws Exception {
        ScriptedJvm jvm = new ScriptedJvm(List.of(new long[] {10_000, 9_000}, new long[] {8_000, 3_000}, new long[] {6_000, 500},
                new long[] {6_000, 100}));

        JitWarmup.Result result = jvm.warmup().warmUp(jvm::run);

        assertThat(jvm.runs).hasValue(3);
        assertThat(result.runs()).isEqualTo(3);
        assertThat(result.quiet()).isTrue();
        assertThat(result.lastCompileMillis()).isEqualTo(500);
        assertThat(result.lastWallMillis()).isEqualTo(6_000);
    }

    @Test
    void givesUpAfterItsLastRunWhenTheJitNeverQuietsAndSaysSo() throws Exception {
        ScriptedJvm jvm = new ScriptedJvm(java.util.stream.IntStream.range(0, JitWarmup.MOST_RUNS + 2)
                .mapToObj(i -> new long[] {1_000, 900}).toList());

        JitWarmup.Result result = jvm.warmup().warmUp(jvm::run);

        assertThat(jvm.runs).hasValue(JitWarmup.MOST_RUNS);
        assertThat(result.quiet()).isFalse();
        assertThat(result.describe()).contains("still compiling");
    }

    @Test
    void aJvmThatDoesNotTellItsCompilationTimeGetsOneWarmUpRunAsBefore() throws Exception {
        AtomicInteger runs = new AtomicInteger();

        JitWarmup.Result result = new JitWarmup(null, () -> 0).warmUp(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
        assertThat(result.runs()).isEqualTo(1);
    }
}
