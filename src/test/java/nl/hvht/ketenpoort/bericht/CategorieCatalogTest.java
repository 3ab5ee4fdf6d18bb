package nl.hvht.ketenpoort.bericht;

import static nl.hvht.ketenpoort.bericht.Categorie.BASISVOORWAARDEN;
import static nl.hvht.ketenpoort.bericht.Categorie.BEHANDELING;
import static nl.hvht.ketenpoort.bericht.Categorie.DETENTIE;
import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.Categorie.LEEFGEBIEDEN;
import static nl.hvht.ketenpoort.bericht.Categorie.NETWERK;
import static nl.hvht.ketenpoort.bericht.Categorie.RISICO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CategorieCatalogTest {

    private final CategorieCatalog catalog = Examples.CATALOG;

    @Test
    void readsTheBodiesFromTheInhoudChoice() {
        assertThat(catalog.bodies()).containsExactly("trajectplan", "overdracht", "verwijzing", "verwijzingsantwoord",
                "retourbericht", "toestemmingsverklaring", "intrekking", "detentiemelding");
    }

    @Test
    void mapsOverdrachtSectionsInSchemaOrder() {
        assertThat(catalog.sectionsOf("overdracht")).containsExactly(
                entry("persoonsgegevens", IDENTIFICATIE),
                entry("uitstroom", DETENTIE),
                entry("toezicht", DETENTIE),
                entry("basisvoorwaarden", BASISVOORWAARDEN),
                entry("leefgebieden", LEEFGEBIEDEN),
                entry("behandeling", BEHANDELING),
                entry("gezondheid", GEZONDHEID),
                entry("signaleringsplan", RISICO),
                entry("netwerk", NETWERK));
        assertThat(catalog.categoriesOf("overdracht")).isEqualTo(EnumSet.allOf(Categorie.class));
    }

    @Test
    void routingFieldsAreNotCategorised() {
        assertThat(catalog.categoryOf("verwijzing", "zorgpartner")).isEmpty();
        assertThat(catalog.categoryOf("trajectplan", "plan")).isEmpty();
        assertThat(catalog.categoryOf("overdracht", "ingehoudenCategorie")).isEmpty();
        assertThat(catalog.sectionsOf("retourbericht")).isEmpty();
        assertThat(catalog.categoryOf("onbekend", "persoonsgegevens")).isEmpty();
    }

    @Test
    void mapsTheOtherBodies() {
        assertThat(catalog.sectionsOf("trajectplan")).containsOnly(entry("persoonsgegevens", IDENTIFICATIE),
                entry("detentie", DETENTIE), entry("leefgebieden", LEEFGEBIEDEN), entry("risico", RISICO));
        assertThat(catalog.sectionsOf("verwijzing")).containsOnly(entry("persoonsgegevens", IDENTIFICATIE),
                entry("vraag", BEHANDELING), entry("voorgeschiedenis", GEZONDHEID), entry("risico", RISICO));
        assertThat(catalog.sectionsOf("verwijzingsantwoord")).containsOnly(entry("antwoord", BEHANDELING));
        assertThat(catalog.sectionsOf("detentiemelding")).containsExactly(entry("persoonsgegevens", IDENTIFICATIE),
                entry("detentie", DETENTIE));
    }

    @Test
    void consentMessagesAndRoutingFieldsOfTheDetentiemeldingAreNotCategorised() {
        assertThat(catalog.sectionsOf("toestemmingsverklaring")).isEmpty();
        assertThat(catalog.sectionsOf("intrekking")).isEmpty();
        assertThat(catalog.categoryOf("detentiemelding", "woongemeente")).isEmpty();
        assertThat(catalog.categoryOf("detentiemelding", "ingehoudenCategorie")).isEmpty();
    }

    @Test
    void unknownCategoryCodeFailsAtStartUp() {
        assertThatThrownBy(() -> new CategorieCatalog("test-onbekende-categorie.xsd"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown category code 'verslaving'");
    }

    @Test
    void categorisedSectionMustBeOptional() {
        assertThatThrownBy(() -> new CategorieCatalog("test-verplichte-sectie.xsd"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("minOccurs");
    }
}
