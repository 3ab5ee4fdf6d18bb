package nl.hvht.ketenpoort.admin;

import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Every 5 s: the console login locks that have ended are audit-logged ({@link LoginFlow#auditReleases}). */
@Component
class LoginReleases extends RouteBuilder {

    private final LoginFlow flow;

    LoginReleases(LoginFlow flow) {
        this.flow = flow;
    }

    @Override
    public void configure() {
        from("timer:login-release?period=5000&delay=5000").routeId("login-release").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> flow.auditReleases());
    }
}
