package io.attune.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.attune.adapters.amqp.archviolation.ListenerCallsService;
import io.attune.adapters.console.archviolation.ConsoleReadsOutboundPort;
import io.attune.adapters.console.archviolation.ConsoleUsesApiInternals;
import io.attune.adapters.http.archviolation.AdapterFactory;
import io.attune.adapters.http.archviolation.HttpUsesPostgresAdapter;
import io.attune.adapters.postgres.archviolation.PostgresGreetingStore;
import io.attune.application.archviolation.ApplicationUsesDataSource;
import io.attune.application.archviolation.ApplicationUsesJackson;
import io.attune.application.port.in.archviolation.ArchiveCommands;
import io.attune.application.port.out.archviolation.ArchiveStore;
import io.attune.application.service.archviolation.SingletonGreetingService;
import io.attune.domain.archviolation.DomainUsesJakartaInject;
import io.attune.domain.archviolation.DomainUsesJdbc;
import io.attune.domain.archviolation.DomainUsesSlf4j;
import io.attune.domain.archviolation.a.Order;
import io.attune.domain.archviolation.b.OrderLine;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that every rule in LayerRules can fail: each one is checked against the fixtures in the
 * {@code archviolation} packages of these test sources, which break it on purpose (ArchitectureTest never sees them,
 * it imports no test classes). The {@code archconforming} fixtures show the rules also pass where they should.
 */
class RulesCanFailTest {

    /** Every layer as the design wants it, arrays, primitives and javax.crypto included; no rule may object. */
    private static final JavaClasses CONFORMING = new ClassFileImporter().importPackages(
            "io.attune.domain.archconforming",
            "io.attune.application.port.in.archconforming",
            "io.attune.application.port.out.archconforming",
            "io.attune.application.service.archconforming",
            "io.attune.adapters.http.archconforming",
            "io.attune.adapters.console.archconforming",
            "io.attune.adapters.postgres.archconforming",
            "io.attune.bootstrap.archconforming");

    @Test
    void domainUsingALibraryOutsideTheJdkFails() {
        JavaClasses classes = importClasses(DomainUsesSlf4j.class, DomainUsesJakartaInject.class);

        assertViolatedBy(LayerRules.DOMAIN_DEPENDS_ONLY_ON_THE_JDK, classes,
                DomainUsesSlf4j.class, DomainUsesJakartaInject.class);
    }

    @Test
    void applicationUsingALibraryOutsideTheJdkAndTheDomainFails() {
        JavaClasses classes = importClasses(ApplicationUsesDataSource.class, SingletonGreetingService.class);

        assertViolatedBy(LayerRules.APPLICATION_DEPENDS_ONLY_ON_THE_JDK_AND_THE_DOMAIN, classes,
                ApplicationUsesDataSource.class, SingletonGreetingService.class);
    }

    @Test
    void coreUsingAFrameworkJacksonOrJdbcFails() {
        JavaClasses classes = importClasses(DomainUsesJakartaInject.class, DomainUsesJdbc.class,
                ApplicationUsesJackson.class, SingletonGreetingService.class);

        assertViolatedBy(LayerRules.CORE_USES_NO_FRAMEWORK_JSON_LIBRARY_OR_JDBC, classes,
                DomainUsesJakartaInject.class, DomainUsesJdbc.class,
                ApplicationUsesJackson.class, SingletonGreetingService.class);
    }

    @Test
    void whitelistAndFrameworkRuleEachCatchWhatTheOtherLetsThrough() {
        // java.sql lies inside java.., and javax.sql is on no framework list: each rule alone would miss one of them.
        assertThatCode(() -> LayerRules.DOMAIN_DEPENDS_ONLY_ON_THE_JDK.check(importClasses(DomainUsesJdbc.class)))
                .doesNotThrowAnyException();
        assertThatCode(() -> LayerRules.CORE_USES_NO_FRAMEWORK_JSON_LIBRARY_OR_JDBC
                .check(importClasses(ApplicationUsesDataSource.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void adapterUsingAnotherAdapterFails() {
        JavaClasses classes = importClasses(HttpUsesPostgresAdapter.class, PostgresGreetingStore.class);

        assertViolatedBy(LayerRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, classes, HttpUsesPostgresAdapter.class);
    }

    @Test
    void adapterCallingAServiceInsteadOfItsPortFails() {
        JavaClasses classes = importClasses(ListenerCallsService.class, SingletonGreetingService.class);

        assertViolatedBy(LayerRules.ADAPTERS_CALL_INBOUND_PORTS_NOT_SERVICES, classes, ListenerCallsService.class);
    }

    @Test
    void consoleReachingARepositoryOrTheApisClassesFails() {
        JavaClasses classes = importClasses(ConsoleReadsOutboundPort.class, ConsoleUsesApiInternals.class);

        assertViolatedBy(LayerRules.CONSOLE_USES_ONLY_USE_CASES, classes,
                ConsoleReadsOutboundPort.class, ConsoleUsesApiInternals.class);
    }

    @Test
    void factoryOutsideBootstrapFails() {
        JavaClasses classes = importClasses(AdapterFactory.class);

        assertViolatedBy(LayerRules.ONLY_BOOTSTRAP_HOLDS_FACTORIES, classes, AdapterFactory.class);
    }

    @Test
    void cycleBetweenDomainPackagesFails() {
        JavaClasses classes = importClasses(Order.class, OrderLine.class);

        assertViolatedBy(LayerRules.DOMAIN_PACKAGES_ARE_FREE_OF_CYCLES, classes, Order.class, OrderLine.class);
    }

    @Test
    void cycleBetweenApplicationPackagesFails() {
        JavaClasses classes = importClasses(ArchiveCommands.class, ArchiveStore.class);

        assertViolatedBy(LayerRules.APPLICATION_PACKAGES_ARE_FREE_OF_CYCLES, classes,
                ArchiveCommands.class, ArchiveStore.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void ruleAcceptsCodeThatFollowsTheDesign(String name, ArchRule rule) {
        assertThatCode(() -> rule.check(CONFORMING)).doesNotThrowAnyException();
    }

    static Stream<Arguments> everyRule() {
        return Arrays.stream(LayerRules.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ArchRule.class)
                .map(field -> Arguments.of(field.getName(), valueOf(field)));
    }

    private static ArchRule valueOf(Field field) {
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaClasses importClasses(Class<?>... fixtures) {
        return new ClassFileImporter().importClasses(fixtures);
    }

    /** The rule must fail, and fail because of each named fixture, not for some unrelated reason. */
    private static void assertViolatedBy(ArchRule rule, JavaClasses classes, Class<?>... offenders) {
        var failure = assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class);
        for (Class<?> offender : offenders) {
            failure.hasMessageContaining(offender.getName());
        }
    }
}
