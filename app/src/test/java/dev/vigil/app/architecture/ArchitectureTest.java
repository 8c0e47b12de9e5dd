package dev.vigil.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout the README promises: no package depends, directly or not, on a package that depends on it; the stages
 * of the data flow know only the shared language ({@code model}), never each other; and the read side uses only
 * what the writer publishes for it (the OpenSearch connection and the index names).
 */
class ArchitectureTest {

    private static final JavaClasses VIGIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the modules' test-jars (model's third-party data and fixtures) are tests too
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.vigil");

    private static final String[] STAGES = {"dev.vigil.ingest..", "dev.vigil.streams..", "dev.vigil.alerting..",
            "dev.vigil.console..", "dev.vigil.dashboards.."};

    @Test
    void noPackageCycles() {
        slices().matching("dev.vigil.(**)").should().beFreeOfCycles().check(VIGIL);
    }

    @Test
    void theSharedLanguageDependsOnNoStage() {
        noClasses().that().resideInAPackage("dev.vigil.model..")
                .should().dependOnClassesThat().resideInAnyPackage(STAGES)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.vigil.app..", "dev.vigil.embedded..")
                .check(VIGIL);
    }

    @Test
    void writeStagesKnowNoOtherStage() {
        for (String stage : new String[] {"ingest", "streams", "alerting", "dashboards"}) {
            noClasses().that().resideInAPackage("dev.vigil." + stage + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others(stage))
                    .check(VIGIL);
        }
    }

    @Test
    void theReadSideUsesOnlyWhatTheWriterPublishesForIt() {
        noClasses().that().resideInAPackage("dev.vigil.console..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.ingest..", "dev.vigil.streams..",
                        "dev.vigil.dashboards..", "dev.vigil.app..")
                .orShould().dependOnClassesThat(DescribedPredicate.describe(
                        "alerting classes other than its OpenSearch connection and index names",
                        c -> c.getPackageName().startsWith("dev.vigil.alerting")
                                && !c.getPackageName().equals("dev.vigil.alerting.opensearch")
                                && !c.getPackageName().equals("dev.vigil.alerting.index")))
                .check(VIGIL);
    }

    @Test
    void onlyTheApplicationAssemblesTheStages() {
        noClasses().that().resideOutsideOfPackages("dev.vigil.app..", "dev.vigil.bench..", "dev.vigil.deploy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.app..", "dev.vigil.bench..")
                .check(VIGIL);
    }

    private static String[] others(String stage) {
        return Arrays.stream(STAGES).filter(p -> !p.equals("dev.vigil." + stage + "..")).toArray(String[]::new);
    }
}
