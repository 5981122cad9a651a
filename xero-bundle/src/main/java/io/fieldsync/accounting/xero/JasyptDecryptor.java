package io.fieldsync.accounting.xero;

import java.util.function.UnaryOperator;

import org.jasypt.encryption.StringEncryptor;

/**
 * The operator's Jasypt encryptor. Kept apart so that the provider's own classes never name a jasypt type: the
 * import of org.jasypt.encryption is optional and this class is loaded only when an encryptor service exists.
 */
final class JasyptDecryptor {

    private JasyptDecryptor() {
    }

    static UnaryOperator<String> of(Object encryptor) {
        StringEncryptor jasypt = (StringEncryptor) encryptor;
        return jasypt::decrypt;
    }
}
