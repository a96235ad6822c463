package io.verto.infra.testing;

import com.pulumi.test.Mocks;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Mocks that echo a resource's inputs back as its state, as a real provider would for these kinds. */
public final class EchoMocks implements Mocks {
    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
    }
}
