package io.verto.infra.backup;

import com.pulumi.core.Output;
import io.verto.infra.types.Port;

import java.util.Objects;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The MySQL server backed up or restored into, and the two users the jobs log in as (README's runbook creates them).
 *
 * @param host        host name
 * @param port        port
 * @param database    the schema backed up
 * @param cidrs       the server's address ranges (every subnet a failover can land in), the only ones the pods may
 *                    reach on its port; empty: any address
 * @param dumpUser    the read-only user the backup dumps as
 * @param restoreUser the user restores and the restore check write as, with rights on their own databases only
 */
public record MysqlTarget(String host, Port port, String database, List<String> cidrs, User dumpUser, User restoreUser) {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.$-]{1,32}");

    /**
     * A database user.
     *
     * @param name     the user's name
     * @param password its password, a secret output (it reaches the pods only through a Kubernetes Secret)
     */
    public record User(String name, Output<String> password) {
        public User {
            if (name == null || !USER.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a MySQL user name");
            }
            Objects.requireNonNull(password, "password");
        }
    }

    public MysqlTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(database, "database");
        cidrs = List.copyOf(cidrs);
        Objects.requireNonNull(dumpUser, "dumpUser");
        Objects.requireNonNull(restoreUser, "restoreUser");
        if (dumpUser.name().equals(restoreUser.name())) {
            throw new IllegalArgumentException("MysqlTarget: the dump user must be read-only, so it cannot be the restore user too");
        }
    }
}
