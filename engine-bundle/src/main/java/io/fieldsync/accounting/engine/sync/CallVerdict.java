package io.fieldsync.accounting.engine.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RateLimitedException;

/**
 * What one call into the provider came to, made in one place ({@link #of}) from its answer or from what it threw, so
 * that the dispatch pipeline decides on a value instead of catching exceptions through the round.
 */
sealed interface CallVerdict {

    /** The provider answered, with an outcome per document it names. */
    record Answered(List<PushOutcome> outcomes) implements CallVerdict {
        public Answered {
            outcomes = List.copyOf(outcomes);
        }

        Map<DocumentRef, PushOutcome> byDocument() {
            Map<DocumentRef, PushOutcome> byDocument = new HashMap<>();
            outcomes.forEach(outcome -> byDocument.put(outcome.document(), outcome));
            return byDocument;
        }
    }

    /** A limit of the accounting system was hit (429): the lane waits until it opens. */
    record RateLimited(RateLimitedException limit) implements CallVerdict {
    }

    /** The connection's tokens were refused for good (the refresh token expired or was revoked): the admin must reconnect. */
    record ConnectionExpired(SyncError error) implements CallVerdict {
    }

    /** The company has no connection the provider can use (disconnected meanwhile, a reconnect under way). */
    record NotConnected(SyncError error) implements CallVerdict {
    }

    /** The accounting system could not be reached or failed (a timeout, a 5xx, an outage): the documents are retried. */
    record TransportFailure(SyncError error) implements CallVerdict {
    }

    /**
     * The request was refused as a whole, naming no document (a 400 or 413, a feature the company's subscription lacks):
     * the documents it carried are about it, not the connection.
     */
    record Refused(SyncError error) implements CallVerdict {
    }

    /** The provider broke (a bug, its bundle half-updated): whatever it carried may or may not have reached the accounting system. */
    record Broken(Throwable cause) implements CallVerdict {
    }

    /** Makes {@code call} and says what it came to; only errors other than linkage errors (out of memory...) pass through. */
    static CallVerdict of(Supplier<List<PushOutcome>> call) {
        try {
            List<PushOutcome> answer = call.get();
            if (answer == null || answer.stream().anyMatch(Objects::isNull)) {
                return new Broken(new IllegalStateException("the provider answered without an outcome list: " + answer));
            }
            return new Answered(answer);
        } catch (RateLimitedException limited) {
            return new RateLimited(limited);
        } catch (AccountingException refused) {
            return switch (refused.code()) {
                case CONNECTION_EXPIRED -> new ConnectionExpired(refused.error());
                case NOT_CONNECTED -> new NotConnected(refused.error());
                case PROVIDER_UNAVAILABLE -> new TransportFailure(refused.error());
                default -> new Refused(refused.error());
            };
        } catch (RuntimeException | LinkageError broken) {
            return new Broken(broken);
        }
    }
}
