package io.fieldsync.accounting.engine.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets (OAuth tokens) before they reach the database: AES-256-GCM with a key kept in a
 * file beside the database, readable only by the Karaf user. A copy of the database alone reveals no token.
 *
 * <p>A lost key file is replaced by a new key, and a file that holds no key is set aside (kept, renamed) for a new
 * one: the engine starts either way. Tokens sealed with the old key then cannot be opened
 * ({@link UnreadableSecretException}); their connections read as expired until the admin reconnects.
 */
public final class TokenVault {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(TokenVault.class);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private TokenVault(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The vault whose key is in {@code keyFile}, creating the key on first use or when the file holds no key. */
    public static TokenVault open(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                byte[] key = keyIn(keyFile);
                if (key != null) {
                    return new TokenVault(key);
                }
                Path aside = setAside(keyFile);
                LOG.error("The token key file {} holds no 256-bit key; it was moved to {} and a new key was made. Connections whose "
                        + "tokens were sealed with the old key read as expired until they are reconnected.", keyFile, aside);
            }
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            restrict(keyFile);
            return new TokenVault(fresh);
        } catch (IOException e) {
            // unreadable (permissions, I/O) is not "no key": making a new one would lose every connection for nothing
            throw new IllegalStateException("cannot read or create the token key file " + keyFile, e);
        }
    }

    /** The key the file holds, or null when it holds none (not Base64, or not 256 bits). */
    private static byte[] keyIn(Path keyFile) throws IOException {
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            return key.length == KEY_BYTES ? key : null;
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException notAKey) {
            return null;
        }
    }

    private static Path setAside(Path keyFile) throws IOException {
        for (int n = 1; ; n++) {
            Path aside = keyFile.resolveSibling(keyFile.getFileName() + ".unusable-" + n);
            if (!Files.exists(aside)) {
                return Files.move(keyFile, aside);
            }
        }
    }

    /** Ciphertext of {@code secret}, as Base64 of IV and sealed bytes. */
    public String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The secret back from {@link #seal}. */
    public String open(String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecretException("stored tokens cannot be decrypted with this installation's key", e);
        }
    }

    private static void restrict(Path keyFile) throws IOException {
        // on file systems without POSIX permissions (Windows) the data directory's own ACLs protect the file
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
