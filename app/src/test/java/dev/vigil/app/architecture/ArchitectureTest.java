package dev.vigil.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package structure the layout promises: no package depends, directly or not, on a package that depends on it. */
class ArchitectureTest {

    private static final JavaClasses VIGIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil");

    @Test
    void noPackageCycles() {
        slices().matching("dev.vigil.(**)").should().beFreeOfCycles().check(VIGIL);
    }
}
