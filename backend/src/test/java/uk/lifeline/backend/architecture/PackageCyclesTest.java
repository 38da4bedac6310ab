package uk.lifeline.backend.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backend's feature packages depend on each other in one direction only, and controllers leave SQL to their
 * feature's store (docs/architecture.md).
 */
class PackageCyclesTest {

    static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.lifeline.backend");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("uk.lifeline.backend.(*)..").should().beFreeOfCycles().check(BACKEND);
    }

    @Test
    void controllersHoldNoSqlTheirFeaturesStoresDo() {
        noClasses()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat(assignableTo(DatabaseClient.class)
                        .or(resideInAnyPackage(
                                "org.springframework.r2dbc..", "io.r2dbc..", "org.springframework.data.r2dbc..")))
                .because("a controller's SQL belongs in its feature's store (docs/architecture.md), with no exceptions")
                .check(BACKEND);
    }
}
