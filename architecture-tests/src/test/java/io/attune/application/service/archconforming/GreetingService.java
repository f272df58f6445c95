package io.attune.application.service.archconforming;

import io.attune.application.port.in.archconforming.GreetingCommands;
import io.attune.application.port.out.archconforming.GreetingStore;
import io.attune.domain.archconforming.Greeting;
import io.attune.domain.archconforming.text.Salutation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A plain service: no annotations, javax.crypto allowed, built by a bootstrap factory. */
public class GreetingService implements GreetingCommands {

    private final GreetingStore store;
    private final byte[] key;

    public GreetingService(GreetingStore store, byte[] key) {
        this.store = store;
        this.key = key.clone();
    }

    @Override
    public Greeting greet(String name) {
        Greeting greeting = new Greeting(Salutation.HELLO, new String[] {name}, new int[] {1}, 0L, '!');
        store.save(greeting, sign(name));
        return greeting;
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
