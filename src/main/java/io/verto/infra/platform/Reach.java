package io.verto.infra.platform;

import io.verto.infra.types.Port;

import java.util.Objects;

/**
 * Something a service connects to, named by what it is rather than by address: {@link StackPlan} turns each
 * into a NetworkPolicy egress rule for the stack (and, for another service, the matching ingress rule on
 * that service), so an entry never repeats a port or a CIDR that the stack or another entry owns.
 */
public sealed interface Reach {
    /** Another service of the catalogue, on its port. */
    record Service(String name) implements Reach {
        public Service {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The stack's MySQL: {@code database.port} on {@code database.cidr}. */
    record Database() implements Reach { }

    /** The stack's Redis: {@code redis.port} on {@code redis.cidr}. */
    record Redis() implements Reach { }

    /** Any address on one port, e.g. 443 for a public API. */
    record Internet(Port port) implements Reach {
        public Internet {
            Objects.requireNonNull(port, "port");
        }
    }

    static Reach service(String name) {
        return new Service(name);
    }

    static Reach database() {
        return new Database();
    }

    static Reach redis() {
        return new Redis();
    }

    static Reach internet(Port port) {
        return new Internet(port);
    }
}
