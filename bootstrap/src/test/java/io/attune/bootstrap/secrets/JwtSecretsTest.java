package io.attune.bootstrap.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void theVariableWinsOverTheFile() {
        String secret = "s".repeat(40);

        assertThat(JwtSecrets.load(Optional.of(" " + secret + " "), dataDir)).isEqualTo(secret);
        assertThat(dataDir.resolve("jwt.secret")).doesNotExist();
    }

    @Test
    void aShortVariableIsAStartupErrorNamingItButNotTheSecret() {
        assertThatThrownBy(() -> JwtSecrets.load(Optional.of("too-short-secret"), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ATTUNE_JWT_SECRET")
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("too-short-secret");
    }

    @Test
    void withoutTheVariableASecretIsGeneratedOnceIntoTheDataDirectoryForItsOwnerOnly() throws Exception {
        String first = JwtSecrets.load(Optional.empty(), dataDir);
        String second = JwtSecrets.load(Optional.of("  "), dataDir);

        Path file = dataDir.resolve("jwt.secret");
        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(JwtSecrets.load(Optional.empty(), Files.createDirectory(dataDir.resolve("other")))).isNotEqualTo(first);
    }

    @Test
    void aDamagedSecretFileIsAStartupErrorNamingTheFile() throws Exception {
        Files.writeString(dataDir.resolve("jwt.secret"), "short\n");

        assertThatThrownBy(() -> JwtSecrets.load(Optional.empty(), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir.resolve("jwt.secret").toString());
    }
}
