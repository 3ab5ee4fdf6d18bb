package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The web mapping of the consent API: status codes, Location, JSON shape, bean validation, caller id. */
class ConsentControllerTest {

    private static final Instant VAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TOT = Instant.parse("2026-01-01T00:00:00Z");

    private final ConsentRegistry registry = mock(ConsentRegistry.class);
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new ConsentController(registry))
                .setCustomArgumentResolvers(new AuthenticationPrincipalArgumentResolver())
                // As Spring Boot configures Jackson: ISO-8601 instants.
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
        PartnerPrincipal caller = PartnerPrincipal.of(new Partner("hvht", "Huis van Herstel Twente", "00000001900000000001",
                PartnerSoort.DJI, URI.create("https://hvht.example"), null));
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(caller, null, caller.getAuthorities()));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
    }

    private static Verklaring verklaring(Instant ingetrokken) {
        return new Verklaring(UUID.randomUUID(), "DLN-0042", 1, VAN, TOT, List.of(new Bepaling(
                Set.of(Actor.partner("transfore"), Actor.partner("gemeente-almelo")),
                Set.of(Categorie.LEEFGEBIEDEN, Categorie.IDENTIFICATIE), Set.of("nazorg"), null,
                List.of(new Uitzondering(Set.of(Actor.partner("transfore")), Set.of(Categorie.LEEFGEBIEDEN), Set.of(), null)))),
                ingetrokken, VAN, "hvht", null);
    }

    @Test
    void registerAnswers201WithLocationAndTheVerklaring() throws Exception {
        Verklaring v = verklaring(null);
        when(registry.register(any(), eq("hvht"))).thenReturn(v);

        mvc.perform(post("/api/v1/toestemmingen").contentType(MediaType.APPLICATION_JSON).content("""
                        {"deelnemer": "DLN-0042", "ontvangers": ["gemeente-almelo", "transfore"],
                         "categorieen": ["identificatie", "leefgebieden"], "doelen": ["nazorg"],
                         "geldigVan": "2025-01-01T00:00:00Z", "geldigTot": "2026-01-01T00:00:00Z"}
                        """))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/toestemmingen/" + v.id()))
                .andExpect(jsonPath("$.id").value(v.id().toString()))
                .andExpect(jsonPath("$.versie").value(1))
                .andExpect(jsonPath("$.bepalingen[0].actoren[0]").value("partner:gemeente-almelo"))
                .andExpect(jsonPath("$.bepalingen[0].categorieen[1]").value("leefgebieden"))
                .andExpect(jsonPath("$.bepalingen[0].uitzonderingen[0].actoren[0]").value("partner:transfore"))
                .andExpect(jsonPath("$.geldigTot").value("2026-01-01T00:00:00Z"));

        ArgumentCaptor<ConsentRegistry.Registratie> asked = ArgumentCaptor.forClass(ConsentRegistry.Registratie.class);
        verify(registry).register(asked.capture(), eq("hvht"));
        assertThat(asked.getValue()).isEqualTo(new ConsentRegistry.Registratie("DLN-0042", List.of(
                new ConsentRegistry.BepalingInvoer(Set.of("partner:gemeente-almelo", "partner:transfore"),
                        Set.of("identificatie", "leefgebieden"), Set.of("nazorg"), null, null, List.of())), VAN, TOT, null, null));
    }

    @Test
    void provisionsWithDenyExceptionsAndANewVersion() throws Exception {
        Verklaring v = verklaring(null);
        UUID id = v.id();
        when(registry.change(eq(id), any(), eq("hvht"))).thenReturn(v);

        mvc.perform(put("/api/v1/toestemmingen/{id}", id).contentType(MediaType.APPLICATION_JSON).content("""
                        {"deelnemer": "DLN-0042", "geldigVan": "2025-01-01T00:00:00Z", "geldigTot": "2026-01-01T00:00:00Z",
                         "bepalingen": [{"actoren": ["soort:gemeente"], "categorieen": ["identificatie", "gezondheid"],
                                         "doelen": ["nazorg"],
                                         "uitzonderingen": [{"actoren": ["partner:gemeente-almelo"], "categorieen": ["gezondheid"]}]}]}
                        """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.versie").value(1));

        ArgumentCaptor<ConsentRegistry.Registratie> asked = ArgumentCaptor.forClass(ConsentRegistry.Registratie.class);
        verify(registry).change(eq(id), asked.capture(), eq("hvht"));
        assertThat(asked.getValue().bepalingen()).containsExactly(new ConsentRegistry.BepalingInvoer(Set.of("soort:gemeente"),
                Set.of("identificatie", "gezondheid"), Set.of("nazorg"), null, null, List.of(
                        new ConsentRegistry.UitzonderingInvoer(Set.of("partner:gemeente-almelo"), Set.of("gezondheid"), null,
                                null, null))));
    }

    @Test
    void anInvalidBodyIsRefusedBeforeTheRegistry() throws Exception {
        mvc.perform(post("/api/v1/toestemmingen").contentType(MediaType.APPLICATION_JSON).content("""
                        {"deelnemer": "dln 42", "ontvangers": [], "categorieen": ["identificatie"], "doelen": ["nazorg"],
                         "geldigVan": "2025-01-01T00:00:00Z", "geldigTot": "2026-01-01T00:00:00Z", "bewijsHash": "abc"}
                        """))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(registry);
    }

    @Test
    void getShowsTheVerklaringToTheCaller() throws Exception {
        Verklaring v = verklaring(TOT.minusSeconds(60));
        when(registry.find(v.id(), "hvht")).thenReturn(v);

        mvc.perform(get("/api/v1/toestemmingen/{id}", v.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(v.id().toString()))
                .andExpect(jsonPath("$.deelnemer").value("DLN-0042"))
                .andExpect(jsonPath("$.ingetrokkenOp").value("2025-12-31T23:59:00Z"));
    }

    @Test
    void deleteRevokesAndAnswers204() throws Exception {
        UUID id = UUID.randomUUID();
        when(registry.revoke(id, "hvht")).thenReturn(verklaring(VAN));

        mvc.perform(delete("/api/v1/toestemmingen/{id}", id)).andExpect(status().isNoContent());

        verify(registry).revoke(id, "hvht");
    }
}
