package io.attune.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void theVariableWinsOverTheFile() {
        byte[] key = new byte[32];
        key[0] = 7;

        EncryptionKeys.Loaded loaded = EncryptionKeys.load(Optional.of(Base64.getEncoder().encodeToString(key)), dataDir);

        assertThat(loaded.key()).isEqualTo(key);
        assertThat(loaded.source()).isEqualTo("ATTUNE_ENCRYPTION_KEY");
        assertThat(dataDir.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void anInvalidVariableIsAStartupErrorNamingIt() {
        assertThatThrownBy(() -> EncryptionKeys.load(Optional.of("not base64!"), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATTUNE_ENCRYPTION_KEY is not valid base64")
                .hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> EncryptionKeys.load(Optional.of(Base64.getEncoder().encodeToString(new byte[16])), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATTUNE_ENCRYPTION_KEY holds 16 bytes");
    }

    @Test
    void withoutTheVariableAKeyIsGeneratedOnceIntoTheDataDirectoryForItsOwnerOnly() throws Exception {
        EncryptionKeys.Loaded first = EncryptionKeys.load(Optional.empty(), dataDir);
        EncryptionKeys.Loaded second = EncryptionKeys.load(Optional.of(" "), dataDir);

        Path file = dataDir.resolve("encryption.key");
        assertThat(first.key()).hasSize(32).isEqualTo(second.key());
        assertThat(first.source()).contains("generated now");
        assertThat(second.source()).isEqualTo(file.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeyFileIsAStartupErrorNamingTheFile() throws Exception {
        Files.writeString(dataDir.resolve("encryption.key"), "c2hvcnQ=\n");

        assertThatThrownBy(() -> EncryptionKeys.load(Optional.empty(), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir.resolve("encryption.key").toString())
                .hasMessageContaining("holds 5 bytes");
    }
}
