package io.verto.infra.aws;

import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backup bucket's retention, proven on the lifecycle and Object Lock configuration the program generates for
 * production (under mocks), evaluated day by day with a model of S3's documented semantics against simulated months:
 * <ul>
 *   <li>NoncurrentVersionExpiration: a noncurrent version is deleted once it has been noncurrent for NoncurrentDays
 *       and at least NewerNoncurrentVersions newer noncurrent versions of the key exist (S3 API reference,
 *       NoncurrentVersionExpiration);</li>
 *   <li>Expiration (current versions): a current version older than Days gets a delete marker and becomes noncurrent;</li>
 *   <li>Object Lock: no version is permanently deleted before its retain-until date, lifecycle included (S3 User
 *       Guide, "Managing S3 Lifecycle policies with Object Lock").</li>
 * </ul>
 * The model deletes a version on the first day it is eligible, the harshest reading (S3 may take longer). Moto does
 * not run lifecycle rules, so this is where the guarantees are checked; the old rule (expire after 7 days) is run
 * through the same model to show it loses every backup after a week of failures.
 */
class BackupRetentionModelTest {
    /** A bucket's retention for the backup key: lifecycle (expiration days, noncurrent days, newer noncurrent kept) and lock. */
    record Retention(Optional<Integer> expirationDays, int noncurrentDays, int newerNoncurrentVersions, int lockDays) { }

    /** One version of the key: which day it was written, whether it is a real backup, when it became noncurrent. */
    static final class Version {
        final int written;
        final boolean good;
        Integer noncurrentSince;
        boolean deleted;

        Version(int written, boolean good) {
            this.written = written;
            this.good = good;
        }
    }

    /** The key's versions under a retention, as days pass. */
    static final class Bucket {
        final Retention retention;
        final List<Version> versions = new ArrayList<>();

        Bucket(Retention retention) {
            this.retention = retention;
        }

        void put(int day, boolean good) {
            versions.stream().filter(v -> !v.deleted && v.noncurrentSince == null).forEach(v -> v.noncurrentSince = day);
            versions.add(new Version(day, good));
        }

        /** The lifecycle's run at the end of {@code day}. */
        void lifecycle(int day) {
            retention.expirationDays().ifPresent(days -> versions.stream()
                    .filter(v -> !v.deleted && v.noncurrentSince == null && day - v.written >= days)
                    .forEach(v -> v.noncurrentSince = day));   // a delete marker becomes current
            for (Version v : versions) {
                if (v.deleted || v.noncurrentSince == null || day - v.noncurrentSince < retention.noncurrentDays()) {
                    continue;
                }
                long newer = versions.stream().filter(o -> !o.deleted && o.noncurrentSince != null && o.written > v.written).count();
                boolean locked = day < v.written + retention.lockDays();
                if (newer >= retention.newerNoncurrentVersions() && !locked) {
                    v.deleted = true;
                }
            }
        }

        long goodLeft() {
            return versions.stream().filter(v -> !v.deleted && v.good).count();
        }

        long stored() {
            return versions.stream().filter(v -> !v.deleted).count();
        }

        /** The days of the newest {@code n} good backups written up to {@code day}, and whether each is still there. */
        boolean newestGoodKept(int n) {
            List<Version> good = versions.stream().filter(v -> v.good).toList();
            return good.subList(Math.max(0, good.size() - n), good.size()).stream().noneMatch(v -> v.deleted);
        }
    }

    /** Runs {@code days} days: a backup on each day {@code succeeds} says so, then the lifecycle. */
    static Bucket simulate(Retention retention, int days, IntPredicate succeeds) {
        var bucket = new Bucket(retention);
        for (int day = 0; day < days; day++) {
            if (succeeds.test(day)) {
                bucket.put(day, true);
            }
            bucket.lifecycle(day);
        }
        return bucket;
    }

    /** Production's retention, as the program registers it. */
    static Retention production() {
        var run = ProgramRun.verto(StackFiles.loadWithSecrets("production"));
        run.result().throwOnError();
        Map<String, Object> rule = (Map<String, Object>) ((List<?>) run.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                "backups").inputs().get("rules")).get(0);
        assertEquals("mysql/", at(rule, "filter.prefix"));
        var lock = run.one("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "backups").inputs();
        return new Retention(Optional.ofNullable((Long) at(rule, "expiration.days")).map(Long::intValue),
                ((Long) at(rule, "noncurrentVersionExpiration.noncurrentDays")).intValue(),
                ((Long) at(rule, "noncurrentVersionExpiration.newerNoncurrentVersions")).intValue(),
                ((Long) at(lock, "rule.defaultRetention.days")).intValue());
    }

    private static final int KEEP = 7;

    @Test
    void nightlyBackupsKeepTheNewestSevenAndStorageStaysBounded() {
        var retention = production();
        var bucket = new Bucket(retention);
        for (int day = 0; day < 90; day++) {
            bucket.put(day, true);
            bucket.lifecycle(day);
            assertTrue(bucket.newestGoodKept(KEEP), "day " + day + ": the newest " + KEEP + " backups");
            assertTrue(bucket.stored() <= KEEP + retention.noncurrentDays() + 1, "day " + day + ": " + bucket.stored() + " versions stored");
        }
    }

    @Test
    void aMonthOfFailedBackupsDeletesNone() {
        var retention = production();
        for (int failedDays : new int[] {8, 30, 60, 365}) {
            var bucket = simulate(retention, 10 + failedDays, day -> day < 10);
            assertEquals(KEEP, bucket.goodLeft() >= KEEP ? KEEP : bucket.goodLeft(), failedDays + " days of failures");
            assertTrue(bucket.newestGoodKept(KEEP), failedDays + " days of failures: the last " + KEEP + " good backups are all there");
        }
    }

    /**
     * A rogue or broken writer puts garbage under the key, 20 times in a day: every good backup is still locked for the
     * retention period after it was written, and the one the flood replaced (the newest good one) stays a week longer
     * than the retention period, so the weekly restore check reports the flood while it can still be restored.
     */
    @Test
    void anOverwriteFloodLeavesTheReplacedBackupForTheRetentionPeriodAndAWeek() {
        var retention = production();
        assertTrue(retention.lockDays() >= KEEP && retention.noncurrentDays() >= KEEP + 7, retention.toString());
        var bucket = new Bucket(retention);
        for (int day = 0; day < 14; day++) {
            bucket.put(day, true);
            bucket.lifecycle(day);
        }
        for (int i = 0; i < 20; i++) {
            bucket.put(14, false);
        }
        Version newestGood = bucket.versions.stream().filter(v -> v.good).reduce((a, b) -> b).orElseThrow();
        int lastDayThere = -1;
        for (int day = 14; day < 60; day++) {
            bucket.lifecycle(day);
            if (!newestGood.deleted) {
                lastDayThere = day;
            }
            for (Version v : bucket.versions) {
                assertTrue(!v.deleted || day >= v.written + retention.lockDays(), "day " + day + ": a version of day " + v.written + " went while locked");
            }
        }
        assertTrue(lastDayThere >= 14 + KEEP + 7 - 1, "the backup the flood replaced went on day " + (lastDayThere + 1));
    }

    /** The model can fail: the previous rule (current versions expire after 7 days, old versions a day later, no lock). */
    @Test
    void theOldRuleLosesEveryBackupAfterAWeekOfFailuresInTheSameModel() {
        var old = new Retention(Optional.of(7), 1, 0, 0);
        var bucket = simulate(old, 10 + 8, day -> day < 10);
        assertEquals(0, bucket.goodLeft(), "eight nights of failures leave no backup under the old rule");
        assertTrue(simulate(production(), 10 + 8, day -> day < 10).goodLeft() >= KEEP);
    }
}
