package io.verto.infra.backup;

import io.verto.infra.types.Port;

import java.util.Objects;
import java.util.List;

/**
 * The MySQL server backed up or restored into.
 *
 * @param host           host name
 * @param port           port
 * @param database       the schema backed up
 * @param user           the user the dump and restore log in as
 * @param passwordSecret the Kubernetes Secret holding the user's password
 * @param passwordKey    its key in that Secret
 * @param cidrs          the server's address ranges (each subnet it can fail over to), the only ones the pods may reach on
 *                       its port; empty: any address
 */
public record MysqlTarget(String host, Port port, String database, String user, String passwordSecret, String passwordKey,
                          List<String> cidrs) {
    public MysqlTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSecret, "passwordSecret");
        Objects.requireNonNull(passwordKey, "passwordKey");
        cidrs = List.copyOf(cidrs);
    }
}
