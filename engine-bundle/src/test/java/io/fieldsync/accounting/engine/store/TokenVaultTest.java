package io.fieldsync.accounting.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVaultTest {

    @TempDir
    Path dir;

    @Test
    void aSealedSecretOpensWithTheSameKeyAndDoesNotShowInTheCiphertext() {
        TokenVault vault = TokenVault.open(dir.resolve("token.key"));

        String sealed = vault.seal("refresh-token-value");

        assertThat(sealed).doesNotContain("refresh-token-value");
        assertThat(TokenVault.open(dir.resolve("token.key")).open(sealed)).isEqualTo("refresh-token-value");
        assertThat(vault.seal("refresh-token-value")).isNotEqualTo(sealed);
    }

    @Test
    void anotherInstallationsKeyCannotOpenIt() {
        String sealed = TokenVault.open(dir.resolve("a.key")).seal("secret");

        assertThatThrownBy(() -> TokenVault.open(dir.resolve("b.key")).open(sealed))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsSetAsideAndANewKeyMadeSoTheEngineStillStarts() throws Exception {
        Path keyFile = dir.resolve("token.key");
        Files.writeString(keyFile, "not a key, but someone's notes\n");

        TokenVault vault = TokenVault.open(keyFile);

        assertThat(vault.open(vault.seal("secret"))).isEqualTo("secret");
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("the unusable file is kept for the admin")
                    .anySatisfy(name -> assertThat(name).startsWith("token.key.unusable-"));
        }
        assertThat(Files.readString(keyFile)).isNotEqualTo("not a key, but someone's notes\n");
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        TokenVault.open(dir.resolve("token.key"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token.key")))).isEqualTo("rw-------");
    }
}
