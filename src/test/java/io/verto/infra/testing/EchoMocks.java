package io.verto.infra.testing;

import com.pulumi.test.Mocks;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Mocks that echo a resource's inputs back as its state, as a real provider would for these kinds. AWS
 * resources also get the computed outputs the program reads (ARNs, bucket names and endpoints, ids, domain
 * names), derived from their inputs and names the way AWS forms them; nothing is filled in that the real
 * provider would refuse, since the inputs themselves are echoed unchanged.
 */
public final class EchoMocks implements Mocks {
    /** The account every mocked AWS ARN belongs to (and getCallerIdentity answers). */
    public static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-central-1";

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (!args.type.startsWith("aws:")) {
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
        }
        Map<String, Object> state = new HashMap<>(args.inputs);
        String id = awsState(args.type, args.name, state);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /** Adds the computed outputs of an AWS resource to {@code state}; returns its id. */
    private static String awsState(String type, String name, Map<String, Object> state) {
        switch (type) {
            case "aws:s3/bucketV2:BucketV2" -> {
                // An autonamed bucket is named after its resource here, which is how the policy pack's tests
                // link a bucket's settings resources to it in mock exports (see policies/src/aws/s3.ts).
                String bucket = (String) state.getOrDefault("bucket", name);
                state.put("bucket", bucket);
                state.put("arn", "arn:aws:s3:::" + bucket);
                state.put("bucketDomainName", bucket + ".s3.amazonaws.com");
                state.put("bucketRegionalDomainName", bucket + ".s3." + REGION + ".amazonaws.com");
                state.put("region", REGION);
                return bucket;
            }
            case "aws:iam/role:Role" -> {
                state.put("name", name + "-role-0a1b2c3d");
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + state.get("name"));
                return (String) state.get("name");
            }
            case "aws:iam/user:User" -> {
                state.put("name", name + "-user-0a1b2c3d");
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":user" + state.getOrDefault("path", "/") + state.get("name"));
                return (String) state.get("name");
            }
            case "aws:iam/accessKey:AccessKey" -> {
                state.put("secret", "S3CRET-aws-secret-access-key-" + name);
                return "AKIAMOCK" + Integer.toHexString(name.hashCode()).toUpperCase();
            }
            case "aws:cloudfront/distribution:Distribution" -> {
                String id = "E" + Integer.toHexString(name.hashCode()).toUpperCase();
                state.put("arn", "arn:aws:cloudfront::" + ACCOUNT + ":distribution/" + id);
                state.put("domainName", "d" + Integer.toHexString(name.hashCode()) + ".cloudfront.net");
                state.put("hostedZoneId", "Z2FDTNDATAQYW2");
                return id;
            }
            default -> {
                String id = name + "-id";
                state.putIfAbsent("arn", "arn:aws:" + type.split("[:/]")[1] + "::" + ACCOUNT + ":" + name);
                return id;
            }
        }
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.equals("aws:index/getCallerIdentity:getCallerIdentity")) {
            return CompletableFuture.completedFuture(Map.of("accountId", ACCOUNT, "arn", "arn:aws:iam::" + ACCOUNT + ":user/mock",
                    "id", ACCOUNT, "userId", "AIDAMOCK"));
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException("EchoMocks: no mock for the call " + args.token));
    }
}
