package nl.hvht.ketenpoort;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package dependencies point one way. From the bottom: the refusal codes and problem details, used by every side;
 * the message model; the foundations every feature uses
 * (partners, audit, trace, PKI, secrets, the embedded database, health caching, the cluster's locks and node count); consent; the pipeline (its
 * {@code Dispatch} carries consent decisions); the steps that bind to it (routing, signing); delivery (the ledger);
 * the ways in and the jobs (intake, alerts, retention); the admin side; the demo on top. Outside the layers, the renamed
 * configuration keys ({@code config}, an environment post-processor registered in {@code spring.factories}): it uses no
 * feature and no feature uses it. Beside them the receiver's tool for partners ({@code ontvanger}, its own source
 * tree and jar), which uses the model, foundations and signing's verification and nothing uses. A package that needs something
 * from above declares an interface that the package above implements (e.g. {@code routing.Questions},
 * {@code pki.RevocationSettings}).
 */
class ArchitectureTest {

    private static final String ROOT = "nl.hvht.ketenpoort";

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(ROOT);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Problems").definedBy(ROOT + ".problem..")
                .layer("Model").definedBy(ROOT + ".bericht..")
                .layer("Foundation").definedBy(ROOT + ".partner..", ROOT + ".audit..", ROOT + ".trace..", ROOT + ".pki..",
                        ROOT + ".secrets..", ROOT + ".database..", ROOT + ".health..", ROOT + ".cluster..")
                .layer("Consent").definedBy(ROOT + ".consent..")
                .layer("Pipeline").definedBy(ROOT + ".pipeline..")
                .layer("Steps").definedBy(ROOT + ".routing..", ROOT + ".signing..")
                .layer("Delivery").definedBy(ROOT + ".delivery..")
                .layer("Edges").definedBy(ROOT + ".intake..", ROOT + ".alert..", ROOT + ".retention..")
                .layer("Admin").definedBy(ROOT + ".admin..")
                .layer("Demo").definedBy(ROOT + ".demo..")
                .layer("Tool").definedBy(ROOT + ".ontvanger..")
                .layer("Config").definedBy(ROOT + ".config..")
                .whereLayer("Demo").mayNotBeAccessedByAnyLayer()
                .whereLayer("Tool").mayNotBeAccessedByAnyLayer()
                .whereLayer("Config").mayNotBeAccessedByAnyLayer()
                .whereLayer("Config").mayNotAccessAnyLayer()
                .whereLayer("Admin").mayOnlyBeAccessedByLayers("Demo")
                .whereLayer("Edges").mayOnlyBeAccessedByLayers("Admin", "Demo")
                .whereLayer("Delivery").mayOnlyBeAccessedByLayers("Edges", "Admin", "Demo")
                .whereLayer("Steps").mayOnlyBeAccessedByLayers("Delivery", "Edges", "Admin", "Demo", "Tool")
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Steps", "Delivery", "Edges", "Admin", "Demo")
                .whereLayer("Consent").mayOnlyBeAccessedByLayers("Pipeline", "Steps", "Delivery", "Edges", "Admin", "Demo")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Foundation", "Consent", "Pipeline", "Steps", "Delivery",
                        "Edges", "Admin", "Demo", "Tool")
                .whereLayer("Problems").mayNotAccessAnyLayer()
                .whereLayer("Model").mayOnlyAccessLayers("Problems")
                .check(classes);
    }
}
