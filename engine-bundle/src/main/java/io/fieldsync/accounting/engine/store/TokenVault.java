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
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets (OAuth tokens) before they reach the database: AES-256-GCM. A copy of the database alone reveals
 * no token.
 *
 * <p>The keys come from the engine's configuration ({@value #CONFIGURATION_PROPERTY}: {@code id:base64} pairs, the
 * first current), the same on every node sharing the database; each sealed value starts with its key's id, so after a
 * rotation the older keys still open what they sealed, and each token is sealed again with the current key when it is
 * next refreshed. Without configuration a key kept in a file beside the database, readable only by the Karaf user,
 * does (its values carry no prefix and read as key id {@value #FILE_KEY_ID}); when keys are configured that file, if
 * present, still opens what it sealed, so moving a single node to configured keys loses no connection.
 *
 * <p>A lost key file is replaced by a new key, and a file that holds no key is set aside (kept, renamed) for a new
 * one; configured keys that cannot be read are refused as a whole, naming the property. The engine starts either
 * way: tokens sealed with a key it lacks cannot be opened ({@link UnreadableSecretException}), and their connections
 * read as expired until the admin reconnects (or the key is given back).
 */
public final class TokenVault {

    /** The engine configuration property holding the keys, as written in the .cfg file. */
    public static final String CONFIGURATION_PROPERTY = "token.keys";
    /** The id of the key file's key; its sealed values carry no prefix (as before key ids existed). */
    public static final String FILE_KEY_ID = "file";

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String KEY_ID = "[A-Za-z0-9_.-]{1,32}";
    private static final Logger LOG = LoggerFactory.getLogger(TokenVault.class);

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;
    /** Why no key seals, when none does (configured keys that cannot be read). */
    private final String unusable;
    private final SecureRandom random = new SecureRandom();

    private TokenVault(String currentId, Map<String, SecretKeySpec> keys, String unusable) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
        this.unusable = unusable;
    }

    private TokenVault(byte[] key) {
        this(FILE_KEY_ID, Map.of(FILE_KEY_ID, new SecretKeySpec(key, "AES")), null);
    }

    /**
     * The vault for the engine's configuration: the configured {@code tokenKeys} when there are any (the key file, if it
     * exists, still opens its old values), else the key in {@code keyFile} as {@link #open(Path)} keeps it. Configured
     * keys that cannot be read give a vault that opens and seals nothing; the error, naming the property, is logged.
     */
    public static TokenVault configured(String tokenKeys, Path keyFile) {
        if (tokenKeys == null || tokenKeys.isBlank()) {
            return open(keyFile);
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String current;
        try {
            current = parse(tokenKeys, keys);
        } catch (IllegalArgumentException invalid) {
            String why = "The engine configuration's " + CONFIGURATION_PROPERTY + " cannot be used: " + invalid.getMessage()
                    + ". Expected comma-separated id:base64 pairs of 256-bit keys, the current one first";
            LOG.error("{}. No token can be stored or read until it is fixed: connections read as expired", why);
            return new TokenVault(null, Map.of(), why);
        }
        if (Files.exists(keyFile)) {
            try {
                byte[] fileKey = keyIn(keyFile);
                if (fileKey != null) {
                    keys.putIfAbsent(FILE_KEY_ID, new SecretKeySpec(fileKey, "AES"));
                }
            } catch (IOException e) {
                LOG.warn("The old token key file {} cannot be read ({}); tokens sealed with it read as expired", keyFile, e.toString());
            }
        }
        return new TokenVault(current, keys, null);
    }

    /** Fills {@code keys} from the property's value; returns the current key's id. */
    private static String parse(String tokenKeys, Map<String, SecretKeySpec> keys) {
        String current = null;
        int position = 0;
        for (String entry : tokenKeys.split(",")) {
            position++;
            String pair = entry.strip();
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry " + position + " has no key id (id:base64)");
            }
            String id = pair.substring(0, colon).strip();
            if (!id.matches(KEY_ID) || id.equals(FILE_KEY_ID)) {
                // the id is not echoed: a pair written the wrong way round would put the key itself in the log
                throw new IllegalArgumentException("entry " + position + " has no usable key id before its colon; ids are 1 to 32 "
                        + "letters, digits, '_', '.' or '-', and not '" + FILE_KEY_ID + "'");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(pair.substring(colon + 1).strip());
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("the key of '" + id + "' is not Base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("the key of '" + id + "' has " + key.length * 8 + " bits, not 256");
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("the key id '" + id + "' is given twice");
            }
            current = current == null ? id : current;
        }
        return current;
    }

    /** A new random key as written in {@value #CONFIGURATION_PROPERTY}: {@code id:base64}. */
    public static String newConfiguredKey(String id) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    /** The id of the key new values are sealed with; empty when no key is usable. */
    public java.util.Optional<String> currentKeyId() {
        return java.util.Optional.ofNullable(currentId);
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

    /**
     * Ciphertext of {@code secret} under the current key: Base64 of IV and sealed bytes, after the key's id and a colon
     * (none for the key file's key, as its values always were).
     *
     * @throws IllegalStateException when no key is usable (configured keys that cannot be read)
     */
    public String seal(String secret) {
        if (currentId == null) {
            throw new IllegalStateException(unusable);
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            String value = Base64.getEncoder().encodeToString(out);
            return currentId.equals(FILE_KEY_ID) ? value : currentId + ":" + value;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The secret back from {@link #seal}, with whichever known key sealed it. */
    public String open(String sealed) {
        // Base64 has no colon, so a prefix is always a key id
        int colon = sealed.indexOf(':');
        String id = colon < 0 ? FILE_KEY_ID : sealed.substring(0, colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new UnreadableSecretException(unusable != null ? unusable : "stored tokens were sealed with the key '" + id
                    + "', which this node does not hold (" + CONFIGURATION_PROPERTY + " holds " + keys.keySet() + ")", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableSecretException("stored tokens cannot be decrypted with this installation's key '" + id + "'", e);
        }
    }

    private static void restrict(Path keyFile) throws IOException {
        // on file systems without POSIX permissions (Windows) the data directory's own ACLs protect the file
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
