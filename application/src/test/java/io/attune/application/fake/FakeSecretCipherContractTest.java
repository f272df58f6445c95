package io.attune.application.fake;

import io.attune.application.contract.SecretCipherContract;
import io.attune.application.port.out.SecretCipher;

class FakeSecretCipherContractTest extends SecretCipherContract {

    private final FakeSecretCipher cipher = new FakeSecretCipher("0a0b0c0d");
    private final FakeSecretCipher other = new FakeSecretCipher("1a2b3c4d");

    @Override
    protected SecretCipher cipher() {
        return cipher;
    }

    @Override
    protected SecretCipher otherCipher() {
        return other;
    }
}
