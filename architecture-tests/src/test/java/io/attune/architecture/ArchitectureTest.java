package io.attune.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks every production class of every module against the rules in LayerRules. */
@AnalyzeClasses(packages = "io.attune", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdk = LayerRules.DOMAIN_DEPENDS_ONLY_ON_THE_JDK;

    @ArchTest
    static final ArchRule applicationDependsOnlyOnTheJdkAndTheDomain = LayerRules.APPLICATION_DEPENDS_ONLY_ON_THE_JDK_AND_THE_DOMAIN;

    @ArchTest
    static final ArchRule coreUsesNoFrameworkJsonLibraryOrJdbc = LayerRules.CORE_USES_NO_FRAMEWORK_JSON_LIBRARY_OR_JDBC;

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = LayerRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER;

    @ArchTest
    static final ArchRule adaptersCallInboundPortsNotServices = LayerRules.ADAPTERS_CALL_INBOUND_PORTS_NOT_SERVICES;

    @ArchTest
    static final ArchRule consoleUsesOnlyUseCases = LayerRules.CONSOLE_USES_ONLY_USE_CASES;

    @ArchTest
    static final ArchRule onlyBootstrapHoldsFactories = LayerRules.ONLY_BOOTSTRAP_HOLDS_FACTORIES;

    @ArchTest
    static final ArchRule domainPackagesAreFreeOfCycles = LayerRules.DOMAIN_PACKAGES_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule applicationPackagesAreFreeOfCycles = LayerRules.APPLICATION_PACKAGES_ARE_FREE_OF_CYCLES;

    /** The fixtures that break the rules live in this module's test sources; they must never reach this check. */
    @ArchTest
    static void ruleFixturesAreNotAnalysed(JavaClasses classes) {
        assertThat(classes)
                .as("classes imported from test sources")
                .noneMatch(type -> type.getPackageName().contains(".archviolation")
                        || type.getPackageName().contains(".archconforming")
                        || type.getPackageName().startsWith("io.attune.architecture"));
    }
}
