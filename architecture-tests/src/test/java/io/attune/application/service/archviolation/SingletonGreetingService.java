package io.attune.application.service.archviolation;

/** A service made into a bean, and the target an adapter wrongly calls instead of an inbound port. */
@jakarta.inject.Singleton
public class SingletonGreetingService {

    public String greet(String name) {
        return "hello " + name;
    }
}
