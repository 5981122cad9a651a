package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;

/**
 * The secrets of {@value QuickBooksConfiguration#PID} as the provider uses them: a plain value as it is, a Jasypt
 * {@code ENC(...)} value decrypted by the operator's {@code org.jasypt.encryption.StringEncryptor} service, the
 * convention Karaf operators follow for encrypted configuration (Karaf's jasypt-encryption feature, pax-jdbc-config's
 * decryptor alias). A value that stays encrypted (no encryptor, or one that cannot decrypt it) becomes empty and a
 * typed problem naming the property; neither the value nor the decrypted secret is ever part of a message.
 */
final class ConfiguredSecrets {

    private static final Pattern ENCRYPTED = Pattern.compile("ENC\\((.*)\\)", Pattern.DOTALL);

    private final UnaryOperator<String> decryptor;
    private final List<SyncError> problems = new ArrayList<>();

    /** @param decryptor the operator's encryptor, null when none is registered */
    ConfiguredSecrets(UnaryOperator<String> decryptor) {
        this.decryptor = decryptor;
    }

    /** The value of {@code property} in clear, or empty when it is encrypted and cannot be decrypted. */
    String reveal(String property, String value) {
        Matcher encrypted = value == null ? null : ENCRYPTED.matcher(value.strip());
        if (encrypted == null || !encrypted.matches()) {
            return value;
        }
        if (decryptor == null) {
            problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, property + " in " + QuickBooksConfiguration.PID
                    + " is encrypted (ENC(...)) but no Jasypt StringEncryptor matching decryptor.target "
                    + QuickBooksConfiguration.DECRYPTOR_TARGET + " is registered: install the jasypt-encryption feature and "
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
        problems.add(SyncError.of(ErrorCode.INVALID_CONFIGURATION, property + " in " + QuickBooksConfiguration.PID
                + " is encrypted (ENC(...)) but the registered Jasypt StringEncryptor cannot decrypt it: another password "
                + "or algorithm was used to encrypt it"));
        return "";
    }

    /** The encrypted values that could not be decrypted, one typed error each. */
    List<SyncError> problems() {
        return List.copyOf(problems);
    }
}
