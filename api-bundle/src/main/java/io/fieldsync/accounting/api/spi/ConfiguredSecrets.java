package io.fieldsync.accounting.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/**
 * A provider's secrets as it uses them: a plain value as it is, a Jasypt
 * {@code ENC(...)} value decrypted by the operator's {@code org.jasypt.encryption.StringEncryptor} service, the
 * convention Karaf operators follow for encrypted configuration (Karaf's jasypt-encryption feature, pax-jdbc-config's
 * decryptor alias). A value that stays encrypted (no encryptor, or one that cannot decrypt it) becomes empty and a
 * typed problem naming the property; neither the value nor the decrypted secret is ever part of a message. Here, not in each provider, so that every
 * provider reads {@code ENC(...)} and words its refusal the same way; the encryptor itself stays the provider's
 * (an optional import of Jasypt), handed in as a function.
 *
 * @since 2.1.0
 */
public final class ConfiguredSecrets {

    private static final Pattern ENCRYPTED = Pattern.compile("ENC\\((.*)\\)", Pattern.DOTALL);

    private final String pid;
    private final String decryptorTarget;
    private final UnaryOperator<String> decryptor;
    private final List<SyncError> problems = new ArrayList<>();

    /**
     * @param pid             the provider's configuration PID, named in the problems
     * @param decryptorTarget the filter the provider selects the encryptor with, named when none matches
     * @param decryptor       the operator's encryptor, null when none is registered
     */
    public ConfiguredSecrets(String pid, String decryptorTarget, UnaryOperator<String> decryptor) {
        this.pid = pid;
        this.decryptorTarget = decryptorTarget;
        this.decryptor = decryptor;
    }

    /** The value of {@code property} in clear, or empty when it is encrypted and cannot be decrypted. */
    public String reveal(String property, String value) {
        Matcher encrypted = value == null ? null : ENCRYPTED.matcher(value.strip());
        if (encrypted == null || !encrypted.matches()) {
            return value;
        }
        if (decryptor == null) {
            problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, property + " in " + pid
                    + " is encrypted (ENC(...)) but no Jasypt StringEncryptor matching decryptor.target "
                    + decryptorTarget + " is registered: install the jasypt-encryption feature and "
                    + "register the encryptor, or set the value in clear"));
            return "";
        }
        try {
            String clear = decryptor.apply(encrypted.group(1));
            if (clear != null) {
                return clear;
            }
        } catch (RuntimeException | LinkageError cannotDecrypt) {
            // jasypt's EncryptionOperationNotPossibleException says nothing more than "wrong password or algorithm"
        }
        problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, property + " in " + pid
                + " is encrypted (ENC(...)) but the registered Jasypt StringEncryptor cannot decrypt it: another password "
                + "or algorithm was used to encrypt it"));
        return "";
    }

    /** The encrypted values that could not be decrypted, one typed error each. */
    public List<SyncError> problems() {
        return List.copyOf(problems);
    }
}
