package io.fieldsync.accounting.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShippedJournalUrlTest {

    @TempDir
    Path dir;

    @Test
    void theUrlIsTheFeaturesOwnWithKarafsDataFolderPointedAtTheRun() throws Exception {
        Path features = dir.resolve("feature.xml");
        Files.writeString(features, """
                <features>
                  <config name="org.ops4j.datasource-other">
                    url = jdbc:h2:mem:other
                  </config>
                  <config name="org.ops4j.datasource-accounting">
                    osgi.jdbc.driver.name = H2 JDBC Driver
                    url = jdbc:h2:${karaf.data}/accounting/journal;WRITE_DELAY=0
                    dataSourceName = accounting
                  </config>
                </features>""");

        assertThat(ShippedJournalUrl.read(features, Path.of("/runs/r1/data")))
                .isEqualTo("jdbc:h2:/runs/r1/data/accounting/journal;WRITE_DELAY=0");
    }

    @Test
    void theRepositorysOwnFeatureShipsAnH2Journal() {
        Path features = Path.of("..", "karaf-feature", "src", "main", "feature", "feature.xml");

        assertThat(ShippedJournalUrl.read(features, dir)).startsWith("jdbc:h2:").contains(dir.toAbsolutePath() + "/accounting/journal")
                .contains("WRITE_DELAY=0");
    }

    @Test
    void aJournalThatIsNotH2IsRefusedRatherThanDrivenWrongly() throws Exception {
        Path features = dir.resolve("feature.xml");
        Files.writeString(features, """
                <config name="org.ops4j.datasource-accounting">
                  url = jdbc:postgresql://db/accounting
                </config>""");

        assertThatThrownBy(() -> ShippedJournalUrl.read(features, dir)).hasMessageContaining("not H2");
    }
}
