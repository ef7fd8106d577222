package com.deskpost.oversight.api;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts that may sign in. Staff sign in to the ops page and the decision API as themselves;
 * which locations each may decide for comes from the location directory's approvers, not from
 * here. Subject-access clients (delivery-service) sign in to the subject-access API only. Agent gateways (the MCP
 * server) sign in to the agent API only, and there act for an AI
 * agent, always as {@code agent:<id>} and only for the agent ids it is bound to: a gateway can never
 * pose as a person, nor decide as itself, nor as an agent it was not given.
 *
 * @param staff accounts that seed the stored ones (added at start-up when their member id is not stored yet, never
 *              overwritten: admins manage them at /ops/admin); {@code password} is Spring-encoded ({bcrypt}..., or
 *              {noop}... for development, stored as its bcrypt hash)
 * @param agentGateways services that act for AI agents; {@code password} Spring-encoded, {@code agents} the
 *                      agent ids each may act for
 * @param subjectAccessClients services that read what the queue holds about a person for a subject access export
 *                      (delivery-service), on /api/v1/subject-access only; {@code password} Spring-encoded
 */
@ConfigurationProperties("deskpost.oversight")
public record StaffProperties(List<Account> staff, List<Gateway> agentGateways,
        List<SubjectAccessClient> subjectAccessClients) {

    public StaffProperties {
        staff = staff == null ? List.of() : List.copyOf(staff);
        agentGateways = agentGateways == null ? List.of() : List.copyOf(agentGateways);
        subjectAccessClients = subjectAccessClients == null ? List.of() : List.copyOf(subjectAccessClients);
    }

    /**
     * One staff member: their member id is their user name; an admin may also change the oversight policy, staff
     * accounts and templates at runtime (/api/v1/admin, /ops/admin).
     */
    public record Account(String memberId, String password, String name, boolean admin) {
    }

    /**
     * One agent gateway: its user name and password, and the agent ids it may act for (none: no agent).
     */
    public record Gateway(String id, String password, List<String> agents) {

        public Gateway {
            agents = agents == null ? List.of() : List.copyOf(agents);
        }
    }

    /** One service that may read a person's held drafts and digest entries (GDPR art. 15), and nothing else. */
    public record SubjectAccessClient(String id, String password) {
    }
}
