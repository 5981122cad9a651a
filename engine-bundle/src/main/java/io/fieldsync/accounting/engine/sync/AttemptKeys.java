package io.fieldsync.accounting.engine.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.engine.store.JournalEntry;

/**
 * The idempotency keys of one installation's attempts with one provider. A document's key covers the
 * installation, the journal row and revision, the provider, and everything the request is built from
 * (the snapshot, the remote ids it points at, the mappings and settings): the same content sent again,
 * in whatever batch, carries the same key, and a changed request (the admin fixed a mapping) never
 * carries a key whose stored answer belongs to the old one; nor does a retry the admin asks for. Keys are the second line only: the
 * provider's lookup before a resend is what keeps a document from being written twice.
 */
final class AttemptKeys {

    private final String installation;
    private final String provider;

    AttemptKeys(String installation, String provider) {
        this.installation = installation;
        this.provider = provider;
    }

    /** The key of one attempt of {@code entry}'s revision with this payload, since the admin last asked for a retry. */
    IdempotencyKey document(JournalEntry entry, String... payload) {
        return IdempotencyKey.derive("journal", installation, provider, Long.toString(entry.id()), Integer.toString(entry.revision()),
                Integer.toString(entry.keyEpoch()), digest(payload));
    }

    /** The key of finding or creating a customer as it is now ({@code customerHash}). */
    IdempotencyKey customer(CompanyId company, String hostCustomerId, String customerHash) {
        return IdempotencyKey.derive("customer", installation, provider, digest(company.value(), hostCustomerId, customerHash));
    }

    /**
     * SHA-256 of the parts, each length-prefixed so that no two different part lists give the same bytes, and
     * so that host values (which may hold any character) never reach the key's own separator.
     */
    static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                sha.update((part == null ? "n" : bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                if (part != null) {
                    sha.update(bytes);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
