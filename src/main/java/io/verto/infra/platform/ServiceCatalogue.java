package io.verto.infra.platform;

import io.verto.infra.config.ServiceSize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The services of an application, one {@link ServiceEntry} each, in order. Everything per service derives from
 * it: the {@code containers.<service>.*} settings, and in {@link StackPlan} the Deployments, Services, routes,
 * NetworkPolicies, VPAs, scrape targets and the quota. Checked when made: names are unique, every service an
 * entry names exists, and no ingress path is served twice.
 */
public final class ServiceCatalogue {
    private final List<ServiceEntry> entries;

    private ServiceCatalogue(List<ServiceEntry> entries) {
        this.entries = List.copyOf(entries);
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (ServiceEntry e : this.entries) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("the catalogue has two services named " + e.name());
            }
            for (String path : e.paths()) {
                if (!paths.add(path)) {
                    throw new IllegalArgumentException("the ingress path " + path + " is served by two services (" + e.name() + ")");
                }
            }
        }
        for (ServiceEntry e : this.entries) {
            List<String> named = new ArrayList<>(e.reachableFrom());
            e.reaches().stream().filter(r -> r instanceof Reach.Service).map(r -> ((Reach.Service) r).name()).forEach(named::add);
            for (String other : named) {
                if (!names.contains(other) || other.equals(e.name())) {
                    throw new IllegalArgumentException("service " + e.name() + " names '" + other + "', which is not another service of "
                            + "the catalogue " + names);
                }
            }
        }
        if (this.entries.isEmpty()) {
            throw new IllegalArgumentException("a catalogue needs at least one service");
        }
    }

    public static ServiceCatalogue of(ServiceEntry... entries) {
        return new ServiceCatalogue(List.of(entries));
    }

    /** This catalogue with one more service, last. */
    public ServiceCatalogue with(ServiceEntry entry) {
        List<ServiceEntry> more = new ArrayList<>(entries);
        more.add(entry);
        return new ServiceCatalogue(more);
    }

    public List<ServiceEntry> entries() {
        return entries;
    }

    public Optional<ServiceEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Each service's size, for the settings that override it. */
    public List<ServiceSize> sizes() {
        return entries.stream().map(ServiceEntry::size).toList();
    }

    /** True when {@code from} connects to {@code to}: declared on either side. */
    boolean connects(ServiceEntry from, ServiceEntry to) {
        return from.reaches().contains(Reach.service(to.name())) || to.reachableFrom().contains(from.name());
    }
}
