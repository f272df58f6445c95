package io.attune.bootstrap.wiring;

import io.attune.application.port.out.SecretCipher;
import io.attune.bootstrap.secrets.AesGcmSecretCipher;
import io.attune.bootstrap.secrets.EncryptionKeys;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the cipher of secrets from {@code ATTUNE_ENCRYPTION_KEY} ({@code attune.encryption-key}) or the data
 * directory's {@code encryption.key}; built at startup, so a bad key stops Attune before it serves anything.
 */
@Factory
public class SecretsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SecretsFactory.class);

    @Context
    SecretCipher secretCipher(@Nullable @Property(name = "attune.encryption-key") String configured,
                              @Value("${attune.data-dir}") String dataDir) {
        EncryptionKeys.Loaded loaded = EncryptionKeys.load(Optional.ofNullable(configured), Path.of(dataDir));
        AesGcmSecretCipher cipher = new AesGcmSecretCipher(loaded.key());
        LOG.info("Secrets are encrypted with the key of {} (key id {})", loaded.source(), cipher.keyId());
        return cipher;
    }
}
