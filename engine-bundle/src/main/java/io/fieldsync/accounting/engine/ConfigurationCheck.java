package io.fieldsync.accounting.engine;

import java.util.ArrayList;
import java.util.List;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * The values of {@value EngineConfiguration#PID} that make no sense, each as a typed
 * {@link ErrorCode#INVALID_CONFIGURATION} error naming the property and the value the engine uses instead. The
 * engine never stops over them: the dispatcher and the poller clamp to their minimums, and the provider directory
 * keeps the provider it had.
 */
public final class ConfigurationCheck {

    /** A provider id: what provider bundles register under. */
    public static final String PROVIDER_ID = "[a-z][a-z0-9-]{0,31}";

    /**
     * One value that makes no sense.
     *
     * @param property the property, as written in the .cfg file
     * @param error the typed error naming it, the value and what is used instead
     */
    public record Problem(String property, SyncError error) {
    }

    private ConfigurationCheck() {
    }

    /** Every problem of {@code configuration}; empty when it is sane. */
    public static List<Problem> problems(EngineConfiguration configuration) {
        List<Problem> problems = new ArrayList<>();
        String provider = configuration.provider() == null ? "" : configuration.provider().strip().toLowerCase(java.util.Locale.ROOT);
        if (!provider.isEmpty() && !provider.equals(EngineConfiguration.NO_PROVIDER) && !provider.matches(PROVIDER_ID)) {
            problems.add(problem("provider", printable(configuration.provider()),
                    "is not a provider id (lower-case letters, digits and dashes, e.g. xero) or 'none'", "the provider active before"));
        }
        atLeast(problems, "dispatch.interval.ms", configuration.dispatch_interval_ms(), 50);
        atLeast(problems, "dispatch.linger.ms", configuration.dispatch_linger_ms(), 0);
        atLeast(problems, "retry.delay.s", configuration.retry_delay_s(), 1);
        atLeast(problems, "retry.delay.max.s", configuration.retry_delay_max_s(), 1);
        if (configuration.retry_delay_s() >= 1 && configuration.retry_delay_max_s() >= 1
                && configuration.retry_delay_max_s() < configuration.retry_delay_s()) {
            problems.add(problem("retry.delay.max.s", Long.toString(configuration.retry_delay_max_s()),
                    "is shorter than retry.delay.s (" + configuration.retry_delay_s() + ")", "retry.delay.s, so retries do not grow"));
        }
        if (configuration.poll_interval_min() < 0) {
            problems.add(problem("poll.interval.min", Integer.toString(configuration.poll_interval_min()),
                    "is negative", "0: polling off, webhooks only"));
        }
        String target = configuration.dataSource_target();
        try {
            if (target == null || target.isBlank()) {
                throw new InvalidSyntaxException("empty filter", target);
            }
            FrameworkUtil.createFilter(target);
        } catch (InvalidSyntaxException malformed) {
            // Declarative Services applies this filter to the journal's DataSource reference itself: with a malformed
            // one the stores cannot start, so this error is what tells the admin why
            problems.add(problem("dataSource.target", printable(target), "is not an LDAP filter (" + malformed.getMessage() + ")",
                    "nothing: the journal cannot open until it is corrected, e.g. (dataSourceName=accounting)"));
        }
        return problems;
    }

    private static void atLeast(List<Problem> problems, String property, long value, long minimum) {
        if (value < minimum) {
            problems.add(problem(property, Long.toString(value), "is below its minimum of " + minimum, Long.toString(minimum)));
        }
    }

    private static Problem problem(String property, String value, String rule, String usedInstead) {
        return new Problem(property, SyncError.of(ErrorCode.INVALID_CONFIGURATION,
                property + " = '" + value + "' in " + EngineConfiguration.PID + " " + rule + "; using " + usedInstead));
    }

    /** The value as it may be shown in a log line: control characters escaped, at most 100 characters. */
    public static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> shown.append(Character.isISOControl(c) ? "\\u%04x".formatted(c) : Character.toString(c)));
        return value.length() > 100 ? shown + "…" : shown.toString();
    }
}
