package io.jenkins.plugins.ishcd.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void projectsAndJobsAreFoundByMachineNameThenId() {
        ProjectSpec corp = new ProjectSpec.Builder("my-corp").id("17").job("deploy", j -> j.id("5")).build();
        // A project whose machine name is another's ID: names win, as users type names.
        ProjectSpec tricky = new ProjectSpec.Builder("17").id("99").build();
        Catalog catalog = new Catalog(List.of(corp, tricky));

        assertThat(catalog.project("my-corp")).containsSame(corp);
        assertThat(catalog.project("17")).containsSame(tricky);
        assertThat(catalog.project("99")).containsSame(tricky);
        assertThat(catalog.job("my-corp", "5")).hasValueSatisfying(job -> assertThat(job.spec().machineName()).isEqualTo("deploy"));
        assertThat(catalog.job("my-corp", "deploy").get().faults()).isSameAs(catalog.job("my-corp", "5").get().faults());
        assertThat(catalog.job("my-corp", "nope")).isEmpty();
        assertThat(catalog.project("nope")).isEmpty();
    }

    @Test
    void defaultIdsAreStableAcrossStarts() {
        ProjectSpec once = new ProjectSpec.Builder("p").job("j", j -> { }).build();
        ProjectSpec again = new ProjectSpec.Builder("p").job("j", j -> { }).build();

        assertThat(once.id()).isEqualTo(again.id()).isNotEqualTo("p");
        assertThat(once.jobs().get(0).id()).isEqualTo(again.jobs().get(0).id());
    }

    @Test
    void duplicateNamesOrIdsAreRefused() {
        assertThatThrownBy(() -> new Catalog(List.of(new ProjectSpec.Builder("p").build(), new ProjectSpec.Builder("p").build())))
                .hasMessageContaining("Duplicate project machine name 'p'");
        assertThatThrownBy(() -> new Catalog(List.of(new ProjectSpec.Builder("p").job("a", j -> j.id("1")).job("b", j -> j.id("1")).build())))
                .hasMessageContaining("Duplicate job in project p ID '1'");
    }
}
