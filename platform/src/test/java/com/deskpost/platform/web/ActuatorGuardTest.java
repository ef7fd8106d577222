package com.deskpost.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ActuatorGuardTest {

    private static final String KEY = "a-scrape-key-of-some-length";

    private final ActuatorGuard guard = new ActuatorGuard(KEY);

    @Test
    void healthProbesAndTheApplicationsOwnPathsPassWithoutTheKey() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/api/v1/messages", "/ops"}) {
            assertThat(call(path, null).getStatus()).as(path).isEqualTo(200);
        }
    }

    @Test
    void metricsTheIndexAndInfoWantTheKey() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/healthz"}) {
            MockHttpServletResponse refused = call(path, null);
            assertThat(refused.getStatus()).as(path).isEqualTo(401);
            assertThat(refused.getContentType()).startsWith("application/json");
            assertThat(refused.getContentAsString()).contains("\"error\":\"unauthorized\"", "DESKPOST_ACTUATOR_KEY");
            assertThat(call(path, "Bearer wrong-key-of-some-length").getStatus()).as(path).isEqualTo(401);
            assertThat(call(path, "Bearer " + KEY).getStatus()).as(path).isEqualTo(200);
        }
    }

    @Test
    void spellingsOfTheMetricsPathWantTheKeyAndUnnormalisablePathsAreRefused() throws Exception {
        for (String path : new String[] {"/actuator;x/prometheus", "/actuator/health/../prometheus",
            "/actuator/%70rometheus", "//actuator/prometheus", "/Actuator/prometheus"}) {
            assertThat(call(path, null).getStatus()).as(path).isEqualTo(401);
            assertThat(call(path, "Bearer " + KEY).getStatus()).as(path).isEqualTo(200);
        }
        MockHttpServletResponse malformed = call("/actuator/%2570rometheus", "Bearer " + KEY);
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getContentType()).startsWith("application/json");
        assertThat(malformed.getContentAsString()).contains("\"error\":\"invalid_path\"", "cannot be normalised");
    }

    @Test
    void theServicesOwnSecurityNeverSeesTheKey() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.addHeader("Authorization", "Bearer " + KEY);
        MockFilterChain chain = new MockFilterChain();
        guard.doFilter(request, new MockHttpServletResponse(), chain);

        var passedOn = (HttpServletRequest) chain.getRequest();
        assertThat(passedOn.getHeader("Authorization")).isNull();
        assertThat(passedOn.getHeaders("Authorization").hasMoreElements()).isFalse();
        assertThat(Collections.list(passedOn.getHeaderNames())).doesNotContain("Authorization");
    }

    @Test
    void aShortKeyStopsTheServiceNamingTheSetting() {
        assertThatThrownBy(() -> new ActuatorGuard("short")).hasMessageContaining("deskpost.actuator.key");
    }

    private MockHttpServletResponse call(String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
