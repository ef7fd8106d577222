package com.deskpost.audit.chain;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The chains the audit store holds: those with rows, and those whose rows are all archived. */
public final class Chains {

    // A loose index scan: one index probe per chain on audit_log_chain_position, where select distinct
    // would read the whole table.
    private static final String ALL = """
            with recursive chains(chain_id) as (
                select min(chain_id) from audit_log
                union all
                select (select min(chain_id) from audit_log where chain_id > chains.chain_id)
                  from chains where chains.chain_id is not null)
            select chain_id from chains where chain_id is not null
            union select chain_id from audit_checkpoint
            union select chain_id from audit_archive
            order by 1""";

    private Chains() {
    }

    public static List<String> all(JdbcTemplate jdbc) {
        return jdbc.queryForList(ALL, String.class);
    }
}
