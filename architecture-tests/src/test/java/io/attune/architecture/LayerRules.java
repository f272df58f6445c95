package io.attune.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.micronaut.context.annotation.Factory;

/** The module rules of design §2, one readable sentence each; ArchitectureTest checks them, RulesCanFailTest breaks them. */
public final class LayerRules {

    private static final String DOMAIN = "io.attune.domain..";
    private static final String APPLICATION = "io.attune.application..";
    private static final String ADAPTERS = "io.attune.adapters..";

    public static final ArchRule DOMAIN_DEPENDS_ONLY_ON_THE_JDK =
            classes().that().resideInAPackage(DOMAIN)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                    .because("the domain is the model and the pure logic, built and tested with the JDK alone");

    public static final ArchRule APPLICATION_DEPENDS_ONLY_ON_THE_JDK_AND_THE_DOMAIN =
            classes().that().resideInAPackage(APPLICATION)
                    .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", DOMAIN, APPLICATION)
                    .because("use cases speak the domain's language and reach the world only through their out-ports");

    public static final ArchRule CORE_USES_NO_FRAMEWORK_JSON_LIBRARY_OR_JDBC =
            noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "io.micronaut..", "jakarta..", "javax.inject..", "com.fasterxml..", "java.sql..")
                    .because("services are plain classes built by @Factory methods in bootstrap (not even @Singleton),"
                            + " and JSON and SQL are converted at the adapter edge");

    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER =
            slices().matching("io.attune.adapters.(*)..")
                    .should().notDependOnEachOther()
                    .because("each adapter is one technology behind the application's ports; only bootstrap puts them together")
                    .allowEmptyShould(true);

    public static final ArchRule ADAPTERS_CALL_INBOUND_PORTS_NOT_SERVICES =
            noClasses().that().resideInAPackage(ADAPTERS)
                    .should().dependOnClassesThat().resideInAPackage("io.attune.application.service..")
                    .because("adapters drive the application through port.in interfaces, so services stay swappable")
                    .allowEmptyShould(true);

    public static final ArchRule CONSOLE_USES_ONLY_USE_CASES =
            noClasses().that().resideInAPackage("io.attune.adapters.console..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.attune.application.port.out..",
                            "io.attune.application.service..", "io.attune.adapters.http..")
                    .because("the console is a driving adapter like the REST API: it shows and changes only what the"
                            + " use cases (port.in) allow, never repositories or the API's own classes")
                    .allowEmptyShould(true);

    public static final ArchRule ONLY_BOOTSTRAP_HOLDS_FACTORIES =
            noClasses().that().resideOutsideOfPackage("io.attune.bootstrap..")
                    .should().beAnnotatedWith(Factory.class)
                    .because("bootstrap is the one place that wires services and adapters together");

    public static final ArchRule DOMAIN_PACKAGES_ARE_FREE_OF_CYCLES =
            slices().assignedFrom(eachPackageOf("io.attune.domain"))
                    .should().beFreeOfCycles()
                    .because("domain packages form a hierarchy that can be read, tested and changed from the bottom up");

    public static final ArchRule APPLICATION_PACKAGES_ARE_FREE_OF_CYCLES =
            slices().assignedFrom(eachPackageOf("io.attune.application"))
                    .should().beFreeOfCycles()
                    .because("each part of the application (ports in, ports out, services) can be read and replaced without its dependants");

    private LayerRules() {
    }

    /** Every package from {@code root} down, the root itself included, is one slice; classes elsewhere are ignored. */
    private static SliceAssignment eachPackageOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(root) || name.startsWith(root + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of " + root;
            }
        };
    }
}
