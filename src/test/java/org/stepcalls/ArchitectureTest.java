package org.stepcalls;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Features plug into the core one way: the foundations and the forum never reach into a feature. */
class ArchitectureTest {

    private static final String[] FEATURES = { "org.stepcalls.calls..", "org.stepcalls.volunteers..",
            "org.stepcalls.outcomes..", "org.stepcalls.discourse.." };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.stepcalls");

    @Test
    void forumDependsOnNoFeaturePackage() {
        noClasses().that().resideInAPackage("org.stepcalls.forum..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(CLASSES);
    }

    @Test
    void foundationsDependOnNeitherFeaturesNorTheForum() {
        noClasses().that().resideInAnyPackage("org.stepcalls.platform..", "org.stepcalls.privacy..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAPackage("org.stepcalls.forum..")
                .check(CLASSES);
    }

    @Test
    void platformDependsNotOnPrivacy() {
        noClasses().that().resideInAPackage("org.stepcalls.platform..")
                .should().dependOnClassesThat().resideInAPackage("org.stepcalls.privacy..")
                .check(CLASSES);
    }

    /** R20: members' outcomes come from anonymised records only, never from the calls board. */
    @Test
    void outcomesNeverReadTheCallsBoard() {
        noClasses().that().resideInAPackage("org.stepcalls.outcomes..")
                .should().dependOnClassesThat().resideInAPackage("org.stepcalls.calls..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theRulesSeeTheWholeCodebase() {
        org.assertj.core.api.Assertions.assertThat(CLASSES.containPackage("org.stepcalls.forum")).isTrue();
        org.assertj.core.api.Assertions.assertThat(CLASSES.containPackage("org.stepcalls.privacy")).isTrue();
    }
}
