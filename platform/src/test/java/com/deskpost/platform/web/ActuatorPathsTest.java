package com.deskpost.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.web.ActuatorPaths.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActuatorPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /actuator/health                              | OPEN
            /actuator/health/                             | OPEN
            /actuator/health/liveness                     | OPEN
            /actuator/health/readiness                    | OPEN
            /api/v1/messages                              | OPEN
            /ops                                          | OPEN
            /mcp                                          | OPEN
            /api/v1/contacts/ada%40example.com/tags       | OPEN
            ''                                            | OPEN
            /                                             | OPEN
            /actuator                                     | KEY
            /actuator/                                    | KEY
            /actuator/prometheus                          | KEY
            /actuator/info                                | KEY
            /actuator/healthz                             | KEY
            /actuator;x/prometheus                        | KEY
            /actuator/prometheus;jsessionid=1             | KEY
            /actuator/health/../prometheus                | KEY
            /actuator/health/..;/prometheus               | KEY
            /actuator/health;foo/../../prometheus         | KEY
            /actuator/health/%2e%2e/prometheus            | KEY
            /actuator/health/%2E%2E/prometheus            | KEY
            /actuator/%70rometheus                        | KEY
            /%61ctuator/prometheus                        | KEY
            /actuator%2Fprometheus                        | KEY
            //actuator/prometheus                         | KEY
            /actuator//prometheus                         | KEY
            /./actuator/prometheus                        | KEY
            /api/../actuator/prometheus                   | KEY
            /api/v1/..;/..;/actuator/prometheus           | KEY
            /Actuator/prometheus                          | KEY
            /ACTUATOR/PROMETHEUS                          | KEY
            /Actuator/health                              | KEY
            /actuator/health/liveness;x                   | KEY
            /actuator/health/./liveness                   | KEY
            /actuator/health/liveness/../../info          | KEY
            /actuator/prometheus/../health                | KEY
            /actuator/%2570rometheus                      | MALFORMED
            /actuator/%3Bx/prometheus                     | MALFORMED
            /actuator%5Cprometheus                        | MALFORMED
            /actuator/%zzprometheus                       | MALFORMED
            /actuator/health/%00                          | MALFORMED
            /../actuator/prometheus                       | MALFORMED
            /actuator/../../prometheus                    | MALFORMED
            """)
    void judgesTheNormalisedPath(String path, Verdict verdict) {
        assertThat(ActuatorPaths.judge(path)).isEqualTo(verdict);
    }
}
