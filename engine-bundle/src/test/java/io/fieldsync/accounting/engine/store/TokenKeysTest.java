package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token keys shared by configuration ({@code token.keys}), so that nodes sharing a database read each other's tokens. */
class TokenKeysTest {

    private static final String K1 = TokenVault.newConfiguredKey("k1");
    private static final String K2 = TokenVault.newConfiguredKey("k2");

    @TempDir
    Path dir;

    private Path keyFile() {
        return dir.resolve("token.key");
    }

    @Test
    void twoNodesConfiguredWithTheSameKeysReadEachOthersTokensAndWriteNoKeyFile() {
        String sealed = TokenVault.configured(K1, dir.resolve("node-1.key")).seal("refresh-token");

        assertThat(TokenVault.configured(K1, dir.resolve("node-2.key")).open(sealed)).isEqualTo("refresh-token");
        assertThat(sealed).startsWith("k1:").doesNotContain("refresh-token");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void afterARotationTheOldKeyStillOpensWhatItSealedAndNewValuesUseTheCurrentKey() {
        String sealedBefore = TokenVault.configured(K1, keyFile()).seal("old-token");

        TokenVault rotated = TokenVault.configured(K2 + ", " + K1, keyFile());

        assertThat(rotated.open(sealedBefore)).isEqualTo("old-token");
        assertThat(rotated.seal("new-token")).startsWith("k2:");
        assertThat(rotated.currentKeyId()).contains("k2");
        assertThatThrownBy(() -> TokenVault.configured(K2, keyFile()).open(sealedBefore))
                .as("once k1 is dropped from the list")
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("'k1'");
    }

    @Test
    void tokensSealedWithTheKeyFileStayReadableWhenKeysAreConfigured() {
        String sealedByFile = TokenVault.open(keyFile()).seal("file-token");

        TokenVault configured = TokenVault.configured(K1, keyFile());

        assertThat(sealedByFile).doesNotContain(":");
        assertThat(configured.open(sealedByFile)).isEqualTo("file-token");
        assertThat(configured.seal("file-token")).as("sealed again with the configured key").startsWith("k1:");
    }

    @Test
    void withoutConfigurationTheKeyFileWorksAsBefore() throws Exception {
        TokenVault vault = TokenVault.configured("", keyFile());

        assertThat(vault.currentKeyId()).contains(TokenVault.FILE_KEY_ID);
        assertThat(TokenVault.open(keyFile()).open(vault.seal("secret"))).isEqualTo("secret");
        assertThat(Files.exists(keyFile())).isTrue();
    }

    @Test
    void garbageKeysAreRefusedNamingThePropertyAndTheVaultOpensNothingButStillExists() {
        String sealed = TokenVault.configured(K1, keyFile()).seal("secret");

        for (String garbage : new String[] {"k1:not-base64!", "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[16]),
                "no-id-at-all", K1 + "," + K1, "file:" + K1.substring(3)}) {
            TokenVault vault = TokenVault.configured(garbage, keyFile());

            assertThat(vault.currentKeyId()).as(garbage).isEmpty();
            assertThatThrownBy(() -> vault.open(sealed)).as(garbage).isInstanceOf(UnreadableSecretException.class)
                    .hasMessageContaining("token.keys");
            assertThatThrownBy(() -> vault.seal("secret")).as(garbage).hasMessageContaining("token.keys");
        }
    }

    @Test
    void aKeyWrittenTheWrongWayRoundIsNeverEchoedInTheError() {
        String key = K1.substring(3);
        TokenVault vault = TokenVault.configured(key + ":k1", keyFile());

        assertThatThrownBy(() -> vault.seal("secret")).hasMessageContaining("token.keys").message().doesNotContain(key);
    }
}
